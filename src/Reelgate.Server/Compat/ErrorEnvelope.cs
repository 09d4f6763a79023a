using Reelgate.Server.Http;

namespace Reelgate.Server.Compat;

/// How a dialect writes an ApiError: its own JSON envelope and status. Put on an endpoint group as
/// metadata (CompatGroups.MapDialect); every error of those endpoints (the handler's, and the key,
/// rate-limit, idempotency and framework errors before it) is then written by it instead of as
/// problem+json. Problems.WriteAsync is the one place that asks.
internal abstract class ErrorEnvelope
{
    /// The response's status for this error (a dialect may document other statuses than ours).
    public virtual int Status(ApiError e) => e.Status;

    /// The body, written as JSON. Headers (Retry-After, request id) are already set.
    public abstract void Write(System.Text.Json.Utf8JsonWriter w, ApiError e, HttpContext http);

    public virtual string ContentType => "application/json; charset=utf-8";

    /// The envelope of the endpoint this request matched, kept in Items so the exception handler
    /// (which clears the endpoint) still finds it.
    public static ErrorEnvelope? Of(HttpContext http) =>
        http.Items.TryGetValue(typeof(ErrorEnvelope), out var e) ? (ErrorEnvelope?)e : http.GetEndpoint()?.Metadata.GetMetadata<ErrorEnvelope>();

    public static void UseErrorEnvelopes(WebApplication app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<ErrorEnvelope>() is { } e) http.Items[typeof(ErrorEnvelope)] = e;
        return next(http);
    });
}

/// Endpoint metadata: this endpoint also accepts the API key as `?key=` (Google's SDKs and REST
/// samples send it so). Elsewhere a key in a URL is refused, since URLs end up in logs.
internal sealed class KeyInQuery;
