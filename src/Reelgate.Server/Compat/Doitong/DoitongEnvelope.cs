using System.Text.Json;
using Reelgate.Server.Http;

namespace Reelgate.Server.Compat.Doitong;

/// Doitong's error format, `{"errors":[{"message","extensions":{"code",…}}]}`, for both its GraphQL
/// and REST endpoints, with the statuses its table lists (400, 401, 402, 429, 500). Two statuses
/// it does not list are kept because no listed one fits: 404 (no such generation) and 409 (the
/// same Idempotency-Key is still running; retry). Our stable code is `extensions.reelgateCode`.
internal sealed class DoitongEnvelope : ErrorEnvelope
{
    public override int Status(ApiError e) => e.Status switch
    {
        401 or 403 => 401,
        402 or 404 or 409 or 429 => e.Status,
        >= 500 => 500,
        _ => 400,
    };

    public static string Code(ApiError e) => e.Code switch
    {
        "graphql_parse_failed" => "GRAPHQL_PARSE_FAILED",
        "graphql_validation_failed" => "GRAPHQL_VALIDATION_FAILED",
        _ => e.Status switch
        {
            401 => "UNAUTHENTICATED",
            403 => "FORBIDDEN",
            402 => "INSUFFICIENT_CREDITS",
            404 => "NOT_FOUND",
            409 => "CONFLICT",
            429 => "RATE_LIMITED",
            >= 500 => "INTERNAL_SERVER_ERROR",
            _ => "BAD_USER_INPUT",
        },
    };

    public override void Write(Utf8JsonWriter w, ApiError e, HttpContext http) => WriteErrors(w, [e], http.TraceIdentifier);

    /// The body for one or more errors (a GraphQL document can have several).
    public static void WriteErrors(Utf8JsonWriter w, IEnumerable<ApiError> errors, string traceId)
    {
        w.WriteStartObject();
        w.WriteStartArray("errors");
        foreach (var e in errors)
        {
            w.WriteStartObject();
            w.WriteString("message", e.Message);
            w.WriteStartObject("extensions");
            w.WriteString("code", Code(e));
            // Seed 001 names the 402 amounts creditsRequired / creditsAvailable.
            foreach (var (name, value) in e.Extra ?? [])
                w.WriteNumber(name switch { "required" => "creditsRequired", "available" => "creditsAvailable", _ => name }, value);
            w.WriteString("reelgateCode", e.Code);
            if (e.Param is null) w.WriteNull("param"); else w.WriteString("param", e.Param);
            w.WriteString("traceId", traceId);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
