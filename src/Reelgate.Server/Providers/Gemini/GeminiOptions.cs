using Reelgate.Server.Catalog;

namespace Reelgate.Server.Providers.Gemini;

internal sealed class GeminiOptions() : RemoteProviderOptions(maxConcurrency: 4, pollSeconds: 10)
{
    public const string Section = "Providers:Gemini";

    public string BaseUrl { get; set; } = "https://generativelanguage.googleapis.com";

    public string? ApiKey { get; set; }

    /// A file holding the key (a mounted secret); wins over ApiKey when set.
    public string? ApiKeyFile { get; set; }

    /// One submit or poll, connect to last byte.
    public double TimeoutSeconds { get; set; } = 30;

    /// One result download, connect to last byte.
    public double DownloadTimeoutSeconds { get; set; } = 300;

    /// Our model id (or alias) → the Gemini API's model id, over the catalogue's `upstream.gemini` (models.json).
    public Dictionary<string, string> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// The upstream id for one of our model names or aliases; null when this provider does not serve it.
    public string? UpstreamId(string model) => ModelMap.Upstream(Models, "gemini", model);

    public string? ReadKey() =>
        ApiKeyFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : string.IsNullOrWhiteSpace(ApiKey) ? null : ApiKey.Trim();
}
