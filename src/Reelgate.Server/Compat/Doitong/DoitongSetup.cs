using System.Text.Json;
using GraphQL;

namespace Reelgate.Server.Compat.Doitong;

/// Seed 001 (Doitong): GraphQL at /graphql and REST at /v1/text_to_video, one error envelope.
internal static class DoitongSetup
{
    public static IServiceCollection AddDoitong(this IServiceCollection services)
    {
        services.AddScoped<DoitongTasks>();
        services.AddSingleton<DialectCallback, DoitongCallback>();
        services.AddGraphQL(b => b.AddSchema<DoitongSchema>().AddGraphTypes(typeof(DoitongSchema).Assembly).AddSystemTextJson());
        return services;
    }

    public static void MapDoitong(this WebApplication app)
    {
        var doitong = app.MapDialect("", new DoitongEnvelope(), "Doitong (seed 001)");
        doitong.MapPost("/graphql", DoitongGraphQL.Handle).WithName("DoitongGraphQL")
            .Accepts<GraphQL.Transport.GraphQLRequest>("application/json").Produces<JsonElement>()
            .WithSummary("Doitong's GraphQL endpoint: mutation generate(input:), query generation(id:) and generations(first:, after:).");
        doitong.MapPost("/v1/text_to_video", DoitongRest.Create).WithName("DoitongTextToVideo")
            .Produces<TextToVideoAnswer>().WithSummary("Doitong REST: queue a video (service, prompt, duration, aspectRatio, version, webhookUrl).");
        doitong.MapGet("/v1/text_to_video/{id}", DoitongRest.Get).WithName("DoitongGetVideo")
            .Produces<TextToVideoAnswer>().WithSummary("Doitong REST: a generation in the create answer's shape.");
    }
}
