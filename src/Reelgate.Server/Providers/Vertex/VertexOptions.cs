using Reelgate.Server.Catalog;

namespace Reelgate.Server.Providers.Vertex;

internal sealed class VertexOptions() : RemoteProviderOptions(maxConcurrency: 4, pollSeconds: 10)
{
    public const string Section = "Providers:Vertex";

    public string? Project { get; set; }

    public string Location { get; set; } = "us-central1";

    /// Defaults to the regional endpoint of Location (the global one for "global").
    public string? BaseUrl { get; set; }

    /// A service-account key file; CredentialsJson holds the same JSON inline. One is needed.
    public string? CredentialsFile { get; set; }

    public string? CredentialsJson { get; set; }

    /// A gs:// bucket or folder: Veo writes results there instead of returning them inline.
    public string? StorageUri { get; set; }

    /// Where gs:// results are downloaded from (the Cloud Storage JSON API).
    public string StorageBaseUrl { get; set; } = "https://storage.googleapis.com";

    /// One submit or poll, connect to last byte.
    public double TimeoutSeconds { get; set; } = 30;

    /// One result download, connect to last byte.
    public double DownloadTimeoutSeconds { get; set; } = 300;

    /// Our model id (or alias) → the Vertex AI publisher model id, over the catalogue's `upstream.vertex` (models.json).
    public Dictionary<string, string> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? UpstreamId(string model) => ModelMap.Upstream(Models, "vertex", model);

    public string ApiBase =>
        BaseUrl is { Length: > 0 } b ? b.TrimEnd('/')
        : Location == "global" ? "https://aiplatform.googleapis.com"
        : $"https://{Location}-aiplatform.googleapis.com";

    protected override string? AdapterProblem(string section) =>
        string.IsNullOrWhiteSpace(CredentialsFile) && string.IsNullOrWhiteSpace(CredentialsJson)
            ? $"{section} needs CredentialsFile or CredentialsJson." : null;

    public string? ReadCredentials() =>
        CredentialsFile is { Length: > 0 } file ? File.ReadAllText(file)
        : string.IsNullOrWhiteSpace(CredentialsJson) ? null : CredentialsJson;
}
