using static Reelgate.Server.Providers.Upstream.UpstreamJson;

namespace Reelgate.Server.Providers.Upstream;

/// Upstream words made fit for our messages: one line, short, and never carrying the API key.
internal static class UpstreamText
{
    const int MaxMessageChars = 500;

    /// The upstream's own words for a refusal: `error.message`, an error that is a plain string,
    /// or the body itself, but never a proxy's HTML page. Short and key-free.
    public static string Detail(UpstreamAnswer answer, string? secret)
    {
        var error = answer.Json().Field("error");
        var text = Str(error.Field("message")) ?? Str(error) ?? (answer.Body.TrimStart().StartsWith('<') ? null : answer.Body);
        return Clean(text, secret);
    }

    /// Upstreams echo keys back ("Incorrect API key provided: sk-…"); no text of ours carries one.
    public static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "[redacted]", StringComparison.Ordinal);

    /// A short, single-line, key-free version of an upstream's message.
    public static string Clean(string? text, string? secret)
    {
        var oneLine = string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var safe = Redact(oneLine, secret);
        return safe.Length <= MaxMessageChars ? safe : safe[..MaxMessageChars] + "…";
    }
}
