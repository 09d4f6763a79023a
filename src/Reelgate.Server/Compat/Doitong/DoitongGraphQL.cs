using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Validation;
using Reelgate.Server.Http;

namespace Reelgate.Server.Compat.Doitong;

/// POST /graphql: a GraphQL request (query, variables, operationName) run by GraphQL.NET against
/// DoitongSchema. Introspection works. An error a resolver hit (our ApiError) makes the answer
/// Doitong's error envelope with the seed's status; a document that does not parse or validate is
/// a 400 in the same envelope.
internal static class DoitongGraphQL
{
    public static async Task<IResult> Handle(HttpContext http, IDocumentExecuter<DoitongSchema> executer, IGraphQLTextSerializer serializer, CancellationToken ct)
    {
        GraphQLRequest? request;
        try { request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, ct); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return new ApiError(400, "invalid_json", "The body is not a GraphQL request: send JSON {\"query\", \"variables\", \"operationName\"}.").ToResult();
        }
        if (string.IsNullOrWhiteSpace(request?.Query))
            return ApiError.Invalid("query", "'query' is required: the GraphQL document to run.", "missing_parameter").ToResult();

        var context = new DoitongContext(http);
        var result = await executer.ExecuteAsync(o =>
        {
            o.Query = request.Query;
            o.Variables = request.Variables;
            o.Extensions = request.Extensions;
            o.OperationName = request.OperationName;
            o.RequestServices = http.RequestServices;
            o.UserContext = context;
            o.CancellationToken = ct;
            // Messages of unexpected exceptions stay in the log, not in the answer.
            o.ThrowOnUnhandledException = true;
        });
        if (context.Error is { } error) return error.ToResult();
        if (context.Answer is { } stored) return TypedResults.Bytes(stored.Body, stored.ContentType);
        if (!result.Executed && result.Errors is { Count: > 0 } errors)
            return new DocumentErrors([.. errors.Select(Describe)]);
        return new Written(result, serializer);
    }

    static ApiError Describe(ExecutionError e) => e switch
    {
        SyntaxError => new ApiError(400, "graphql_parse_failed", e.Message, "query"),
        ValidationError or InvalidVariableError => new ApiError(400, "graphql_validation_failed", e.Message, e is InvalidVariableError ? "variables" : "query"),
        _ => new ApiError(400, "invalid_request", e.Message, "query"),
    };

    sealed class Written(ExecutionResult result, IGraphQLTextSerializer serializer) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = DoitongTasks.ContentType;
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
        }
    }

    /// Several document errors in one envelope (Problems writes one ApiError).
    sealed class DocumentErrors(IReadOnlyList<ApiError> errors) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = 400;
            http.Response.ContentType = DoitongTasks.ContentType;
            await using var w = new Utf8JsonWriter(http.Response.Body);
            DoitongEnvelope.WriteErrors(w, errors, http.TraceIdentifier);
        }
    }
}
