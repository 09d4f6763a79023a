using System.Text.Json;
using Reelgate.Server.Catalog;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Tests.Tasks;

public sealed class RequestParserTests
{
    static (GenerationDraft? Draft, ApiError? Error) Parse(string json) =>
        RequestParser.Parse(RequestFields.FromJson(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void Parse_AppliesModelDefaults()
    {
        var (d, e) = Parse("""{"prompt":"a lake"}""");
        Assert.Null(e);
        Assert.Equal(ModelCatalog.DefaultModel, d!.Model.Id);
        Assert.Equal((8, "720p", "16:9", 24, GenerationTypes.Text, 1, true, "pad"),
            (d.Duration, d.Resolution, d.AspectRatio, d.Fps, d.GenerationType, d.N, d.GenerateAudio, d.ResizeMode));
        Assert.Null(d.Seed);
    }

    [Fact]
    public void Parse_AcceptsOpenAiSpellings()
    {
        var (d, e) = Parse("""{"model":"veo3.1","prompt":"x","seconds":"6","size":"720x1280","input_reference":{"image_url":"https://example.com/a.png"}}""");
        Assert.Null(e);
        Assert.Equal(("veo-3.1-generate-preview", 6, "720p", "9:16"), (d!.Model.Id, d.Duration, d.Resolution, d.AspectRatio));
        Assert.Equal(GenerationTypes.FirstFrame, d.GenerationType);
        Assert.Equal("https://example.com/a.png", Assert.Single(d.Images).Url);
    }

    [Theory]
    [InlineData("""["file_a"]""", "first_frame")]
    [InlineData("""["file_a","file_b"]""", "first_last")]
    [InlineData("""["file_a","file_b","file_c"]""", "reference")]
    public void Parse_InfersGenerationTypeFromImageCount(string images, string expected)
    {
        var (d, e) = Parse($$"""{"prompt":"x","images":{{images}}}""");
        Assert.Null(e);
        Assert.Equal(expected, d!.GenerationType);
    }

    [Fact]
    public void Parse_ClassifiesImageReferences()
    {
        var (d, _) = Parse("""{"prompt":"x","generation_type":"reference","images":["file_1",{"file_id":"file_2"},"data:image/png;base64,AAAA"]}""");
        Assert.Equal(("file_1", "file_2"), (d!.Images[0].FileId, d.Images[1].FileId));
        Assert.NotNull(d.Images[2].DataUrl);
    }

    [Fact]
    public void Rules_LiveInTheCapabilityRecord()
    {
        var veo31 = ModelCatalog.Find("veo3.1")!;
        Assert.Null(RequestParser.CheckRules(veo31, new RuleInput(8, "4k", "16:9", GenerationTypes.Text, 0, true)));
        Assert.Equal("duration", RequestParser.CheckRules(veo31, new RuleInput(6, "1080p", "16:9", GenerationTypes.Text, 0, true))!.Param);
        Assert.Equal("aspect_ratio", RequestParser.CheckRules(veo31, new RuleInput(8, "720p", "9:16", GenerationTypes.Reference, 1, true))!.Param);
        Assert.Null(RequestParser.CheckRules(ModelCatalog.Find("veo2")!, new RuleInput(5, "720p", "9:16", GenerationTypes.FirstLast, 2, false)));
    }

    [Fact]
    public void Catalog_ResolvesAliasesCaseInsensitively_AndModelsPrefix()
    {
        Assert.Equal("veo-3.0-fast-generate-001", ModelCatalog.Find("VEO3-FAST")!.Id);
        Assert.Equal("veo-2.0-generate-001", ModelCatalog.Find("models/veo-2.0-generate-001")!.Id);
        Assert.Null(ModelCatalog.Find("sora-2"));
    }

    [Fact]
    public void PromptTokens_AreCountedConservatively()
    {
        Assert.Equal(1, PromptLimits.EstimateTokens("lake"));
        Assert.Equal(3, PromptLimits.EstimateTokens("a b c"));
        Assert.Equal(2500, PromptLimits.EstimateTokens(new string('x', 10_000)));
    }
}
