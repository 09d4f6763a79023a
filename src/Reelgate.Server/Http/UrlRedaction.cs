namespace Reelgate.Server.Http;

/// URLs as they may appear in a log line. Query strings, fragments and user info often carry
/// tokens (a callback URL's `?token=`, presigned signatures), and logs are read by more people
/// than the secrets are meant for: only scheme, host, port and path are kept.
internal static class UrlRedaction
{
    public static string Redact(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "(not a URL)";
        var hidden = uri.Query.Length > 1 || uri.Fragment.Length > 1 || uri.UserInfo.Length > 0;
        return $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}{(hidden ? "?[redacted]" : "")}";
    }
}
