using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace Reelgate.Server.Http;

internal static class ApiDocs
{
    public const string ProblemType = "application/problem+json";

    /// The OpenAPI document at /openapi/v1.json. Answers written by TypedResults.Json and the
    /// document's schemas share one naming policy (snake_case, as the wire has it), so a record's
    /// property is spelled the same in both. Numbers are written as numbers only, so the schemas
    /// say `integer`, not "integer or numeric string" (no handler binds a JSON body to a type).
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer(ApiDocsTransformers.RequireWrittenProperties);
            o.AddOperationTransformer(ApiDocsTransformers.AddCommonProblems);
            o.AddDocumentTransformer(ApiDocsTransformers.DescribeDocument);
        });
    }

    /// The problems an endpoint answers itself (400 invalid_parameter, 404 not_found, …); those
    /// every /v1 route shares (auth, rate limit, idempotency) are added by ApiDocsTransformers.
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses) endpoint.Produces<ProblemBody>(status, ProblemType);
        return endpoint;
    }

    /// One status, two possible JSON bodies (DELETE: the cancelled task, or the deletion). The
    /// second type must be a schema some other endpoint declares, so the document has it.
    public static RouteHandlerBuilder ProducesEither<TFirst, TSecond>(this RouteHandlerBuilder endpoint, int status = 200) =>
        endpoint.Produces<TFirst>(status).AddOpenApiOperationTransformer((operation, context, ct) =>
        {
            var content = operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)].Content!["application/json"];
            content.Schema = new OpenApiSchema
            {
                AnyOf = [new OpenApiSchemaReference(typeof(TFirst).Name, context.Document), new OpenApiSchemaReference(typeof(TSecond).Name, context.Document)],
            };
            return Task.CompletedTask;
        });

    /// A browsable page over the OpenAPI document at /docs.
    /// Only requests under /docs pass through the UI middleware.
    public static void UseApiDocs(this WebApplication app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/docs"), docs => docs.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Reelgate v1");
            o.DocumentTitle = "Reelgate API";
        }));
}
