using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reelgate.Server.Http;

/// What the generator cannot see from the handlers: the problems every /v1 route shares (its
/// filters answer them), the API-key security scheme, and which properties are always present.
internal static class ApiDocsTransformers
{
    const string Bearer = "bearer", ApiKeyHeader = "api_key_header";

    static readonly Dictionary<int, string> Meanings = new()
    {
        [400] = "Invalid request: `code` says why and `param` names the field at fault.",
        [401] = "No API key, or the key is unknown, revoked or expired.",
        [402] = "Not enough credits (`required` and `available` say how many).",
        [403] = "The key may not do this (role, IP allow-list, suspended account).",
        [404] = "No such object for this account.",
        [409] = "A conflicting request or state (an Idempotency-Key still in progress, a concurrent change).",
        [410] = "The content has expired or was deleted.",
        [413] = "The request body is larger than this endpoint accepts.",
        [415] = "Send application/json or multipart/form-data.",
        [422] = "The Idempotency-Key was used with a different request.",
        [429] = "Rate limit or quota exceeded; honour Retry-After.",
        [500] = "An unexpected error; `trace_id` identifies it in the server log.",
    };

    /// Response records write every property (null when empty), so each is required: a client
    /// can rely on its presence. Properties left out when null are optional. Request bodies
    /// ([RequestBodyDoc]) require only their non-nullable properties.
    public static Task RequireWrittenProperties(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var info = context.JsonTypeInfo;
        if (info.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } || info.Type.Assembly != typeof(ApiDocs).Assembly)
            return Task.CompletedTask;
        var request = info.Type.GetCustomAttribute<RequestBodyDocAttribute>() is not null;
        var required = new HashSet<string>();
        foreach (var p in info.Properties)
        {
            var optional = request
                ? p.IsSetNullable || Nullable.GetUnderlyingType(p.PropertyType) is not null
                : p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true).Length > 0;
            if (!optional && schema.Properties.ContainsKey(p.Name)) required.Add(p.Name);
        }
        schema.Required = required;
        return Task.CompletedTask;
    }

    public static Task AddCommonProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var path = "/" + context.Description.RelativePath;
        // A dialect's errors take its own envelope (Compat.ErrorEnvelope), not problem+json: its
        // operations keep the key schemes and the responses they declare themselves.
        var dialect = context.Description.ActionDescriptor.EndpointMetadata.OfType<Compat.ErrorEnvelope>().Any();
        if (!path.StartsWith("/v1/", StringComparison.Ordinal) && !dialect) return Task.CompletedTask;
        var method = context.Description.HttpMethod ?? "";
        var statuses = dialect ? [] : new List<int> { 401, 403, 429, 500 };
        if (method is "POST") statuses.AddRange([400, 409, 422]); // IdempotencyFilter, on every POST
        if (method is "POST" or "PATCH") statuses.AddRange([413, 415]);
        operation.Responses ??= [];
        foreach (var status in statuses.Distinct().Order())
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key)) continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = Meanings[status],
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ApiDocs.ProblemType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemBody), context.Document) },
                },
            };
        }
        foreach (var (key, response) in operation.Responses)
            if (response is OpenApiResponse r && int.TryParse(key, out var s) && Meanings.TryGetValue(s, out var meaning) && (r.Description is null or "" || r.Description == ReasonPhrase(s)))
                r.Description = meaning;
        operation.Security =
        [
            new() { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
            new() { [new OpenApiSecuritySchemeReference(ApiKeyHeader, context.Document)] = [] },
        ];
        return Task.CompletedTask;
    }

    public static async Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Reelgate API";
        document.Info.Description = "Video generation: a superset of OpenAI's Videos API with Veo's parameters. Errors are application/problem+json (ProblemBody).";
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(nameof(ProblemBody)))
            document.Components.Schemas[nameof(ProblemBody)] = await context.GetOrCreateSchemaAsync(typeof(ProblemBody), null, ct);
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "An API key: `Authorization: Bearer rg_…`. Admin endpoints need an admin key.",
            },
            [ApiKeyHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-API-Key",
                Description = "The same API key in the X-API-Key header.",
            },
        };
    }

    static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

/// Marks a documentation record of a request body: only its non-nullable properties are required.
[AttributeUsage(AttributeTargets.Class)]
internal sealed class RequestBodyDocAttribute : Attribute;
