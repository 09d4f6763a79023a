using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Providers.Veo;

/// Google's HTTP error answers (`{"error":{"code","message","status"}}`) as our codes. Pure.
internal static class VeoErrors
{
    const int MaxMessageChars = 400;

    /// A submit the upstream refused or never got: nothing runs upstream, so never accepted.
    public static ProviderException Submit(int httpStatus, string body, string upstream, string? secret)
    {
        var (status, message) = Parse(body);
        var code = httpStatus switch
        {
            400 => "invalid_request",
            401 or 403 => "provider_auth_failed",
            429 => "provider_rate_limited",
            >= 500 => "provider_unavailable",
            _ => "upstream_error",
        };
        return new ProviderException(code, Describe(upstream, httpStatus, status, message, secret), accepted: false);
    }

    /// A poll answered with an error. Throttling and outages are waits, never failures.
    public static PollResult Poll(int httpStatus, string body, TimeSpan retryAfter, string upstream, string? secret)
    {
        if (httpStatus is 408 or 429 or >= 500) return new PollResult.Pending(RetryAfter: retryAfter);
        var (status, message) = Parse(body);
        var text = Describe(upstream, httpStatus, status, message, secret);
        return httpStatus switch
        {
            404 => new PollResult.Failed("upstream_operation_lost", text),
            401 or 403 => new PollResult.Failed("provider_auth_failed", text),
            _ => new PollResult.Failed("upstream_error", text),
        };
    }

    public static (string? Status, string? Message) Parse(string body)
    {
        try
        {
            var error = JsonNode.Parse(body)?["error"];
            return (VeoMapping.Str(error?["status"]), VeoMapping.Str(error?["message"]));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    static string Describe(string upstream, int httpStatus, string? status, string? message, string? secret)
    {
        var head = $"{upstream} answered HTTP {httpStatus}{(status is null ? "" : $" {status}")}";
        return message is null ? $"{head}." : $"{head}: {Redact(Truncate(message), secret)}";
    }

    /// Upstream text may echo what we sent; the key or token must never travel on in a message.
    public static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "[redacted]", StringComparison.Ordinal);

    static string Truncate(string s) => s.Length <= MaxMessageChars ? s : s[..MaxMessageChars] + "…";

    /// Retry-After as seconds or as a date; the fallback when absent, never less than a second.
    public static TimeSpan RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now, TimeSpan fallback)
    {
        var wait = header?.Delta ?? (header?.Date is { } at ? at - now : fallback);
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : wait;
    }
}
