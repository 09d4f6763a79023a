namespace Reelgate.Server.Files;

/// Limits for downloading a client-supplied image URL.
internal sealed record ImageFetchOptions
{
    public int MaxBytes { get; init; } = 20 * 1024 * 1024;

    /// Whole-download budget: connect, redirects, headers and body together.
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// Plain http exists only for tests and local setups; production URLs must be https.
    public bool AllowHttp { get; init; }

    /// Disables the SSRF address check; only for tests and local setups fetching from loopback.
    public bool AllowPrivateNetworks { get; init; }
}
