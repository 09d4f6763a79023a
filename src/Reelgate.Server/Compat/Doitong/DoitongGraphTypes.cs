using GraphQL.Types;
using GraphQLParser.AST;

namespace Reelgate.Server.Compat.Doitong;

/// The GraphQL types of seed 001: `GenerateInput` (type, provider, input {text, image…}, options
/// {duration, aspectRatio, version, quality}, webhookUrl) and `Generation` (id status type provider
/// url metadata creditCost createdAt …). Nullable where the seed gives a default, so a missing
/// value gets Doitong's default and a wrong one our error with its param.
internal sealed class GenerateInputGraphType : InputObjectGraphType<GenerateInput>
{
    public GenerateInputGraphType()
    {
        Name = "GenerateInput";
        Field(x => x.Type, nullable: true).Description("VIDEO (the only type this server generates).");
        Field(x => x.Provider, nullable: true).Description("The service: veo3, veo3-fast, veo2, veo3.1 … (default veo3).");
        Field(x => x.Input, type: typeof(GenerateContentGraphType));
        Field(x => x.Options, type: typeof(GenerateOptionsGraphType));
        Field(x => x.WebhookUrl, nullable: true).Description("Receives a signed POST when the generation ends.");
    }
}

internal sealed class GenerateContentGraphType : InputObjectGraphType<GenerateContent>
{
    public GenerateContentGraphType()
    {
        Name = "GenerateContentInput";
        Field(x => x.Text, nullable: true).Description("The prompt.");
        Field(x => x.Image, nullable: true).Description("First frame: an https URL, a data URL or an uploaded file id.");
        Field(x => x.Images, nullable: true).Description("First and last frame (two images).");
    }
}

internal sealed class GenerateOptionsGraphType : InputObjectGraphType<GenerateOptions>
{
    public GenerateOptionsGraphType()
    {
        Name = "GenerateOptionsInput";
        Field(x => x.Duration, nullable: true).Description("Seconds (default 5; mapped to the nearest the model renders, ties up).");
        Field(x => x.AspectRatio, nullable: true).Description("16:9 (default), 9:16, 1:1.");
        Field(x => x.Version, nullable: true).Description("Model version (veo-3, veo3-fast, veo-3.1 …); wins over provider.");
        Field(x => x.Quality, nullable: true).Description("standard (720p, default), high (1080p), ultra (4k).");
    }
}

internal sealed class GenerationGraphType : ObjectGraphType<DoitongGeneration>
{
    public GenerationGraphType()
    {
        Name = "Generation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("status").Description("processing, completed, failed or cancelled.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<StringGraphType>>("type").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<StringGraphType>>("provider").Resolve(c => c.Source.Provider);
        Field<StringGraphType>("url").Description("A key-free signed link to the MP4 once completed.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<JsonGraphType>>("metadata").Description("What will be delivered: duration, width, height, aspectRatio, resolution, model, audio, preview.").Resolve(c => c.Source.Metadata);
        Field<NonNullGraphType<FloatGraphType>>("creditCost").Description("Credits held (charged on success, refunded otherwise).").Resolve(c => c.Source.CreditCost);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<StringGraphType>("completedAt").Resolve(c => c.Source.CompletedAt);
        Field<StringGraphType>("webhookUrl").Resolve(c => c.Source.WebhookUrl);
        Field<NonNullGraphType<IntGraphType>>("progress").Resolve(c => c.Source.Progress);
        Field<StringGraphType>("error").Resolve(c => c.Source.Error);
    }
}

internal sealed class GenerationConnectionGraphType : ObjectGraphType<DoitongPage>
{
    public GenerationConnectionGraphType()
    {
        Name = "GenerationConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GenerationGraphType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(c => c.Source);
    }
}

internal sealed class PageInfoGraphType : ObjectGraphType<DoitongPage>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
    }
}

/// `metadata` is an object; GraphQL has no object scalar, so (as most servers do) a JSON one.
internal sealed class JsonGraphType : ScalarGraphType
{
    public JsonGraphType() => Name = "JSON";

    public override object? Serialize(object? value) => value;
    public override object? ParseValue(object? value) => value;
    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLStringValue s ? (string)s.Value : null;
}

internal sealed class GenerateInput
{
    public string? Type { get; set; }
    public string? Provider { get; set; }
    public GenerateContent? Input { get; set; }
    public GenerateOptions? Options { get; set; }
    public string? WebhookUrl { get; set; }

    public DoitongRequest ToRequest() => new(Type, Provider, Input?.Text,
        [.. Input?.Image is { } first ? [first] : Array.Empty<string>(), .. Input?.Images ?? []],
        Options?.Duration, Options?.AspectRatio, Options?.Version, Options?.Quality, WebhookUrl, DoitongNames.GraphQL);
}

internal sealed class GenerateContent
{
    public string? Text { get; set; }
    public string? Image { get; set; }
    public List<string>? Images { get; set; }
}

internal sealed class GenerateOptions
{
    public int? Duration { get; set; }
    public string? AspectRatio { get; set; }
    public string? Version { get; set; }
    public string? Quality { get; set; }
}

internal sealed record DoitongPage(IReadOnlyList<DoitongGeneration> Nodes, bool HasNextPage, string? EndCursor);
