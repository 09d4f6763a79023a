namespace Reelgate.Server.Files;

internal sealed class FilesOptions
{
    public const string Section = "Files";

    /// Largest accepted image, uploaded, fetched or sent as a data URL.
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    public double FetchTimeoutSeconds { get; set; } = 20;

    /// Only for local setups and tests: allow http:// image URLs and private/loopback addresses.
    public bool AllowHttpUrls { get; set; }
    public bool AllowPrivateNetworks { get; set; }

    public int MaxDimension { get; set; } = 8192;
}
