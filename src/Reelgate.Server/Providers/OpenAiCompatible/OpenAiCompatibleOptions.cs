namespace Reelgate.Server.Providers.OpenAiCompatible;

/// A server with the OpenAI `/v1/videos` API: another gateway, SGLang Diffusion, another Reelgate.
internal sealed class OpenAiCompatibleOptions() : RemoteProviderOptions(maxConcurrency: 4, pollSeconds: 5)
{
    public const string Section = "Providers:OpenAiCompatible";

    /// Where `/v1/videos` lives, e.g. "https://gateway.example"; a trailing "/v1" is tolerated.
    public string BaseUrl { get; set; } = "";

    /// Sent as `Authorization: Bearer`. Leave empty for servers without auth.
    public string? ApiKey { get; set; }

    /// A file holding the key (a mounted secret); wins over ApiKey when set.
    public string? ApiKeyFile { get; set; }

    /// For each API call; downloads get DownloadTimeoutSeconds.
    public int TimeoutSeconds { get; set; } = 30;

    public int DownloadTimeoutSeconds { get; set; } = 300;

    /// Public model → the upstream's model id. A model missing here is sent under the id the
    /// router's UpstreamModel carries.
    public Dictionary<string, string> Models { get; set; } = [];

    /// The key to send, read once; whitespace around a key file's content is dropped.
    public string? ResolveApiKey()
    {
        if (!string.IsNullOrWhiteSpace(ApiKeyFile))
            return File.ReadAllText(ApiKeyFile).Trim() is { Length: > 0 } fromFile ? fromFile : null;
        return string.IsNullOrWhiteSpace(ApiKey) ? null : ApiKey.Trim();
    }

    /// `{BaseUrl}/v1` whether or not BaseUrl already ends in "/v1".
    public string ApiRoot()
    {
        var root = BaseUrl.TrimEnd('/');
        return root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? root : root + "/v1";
    }
}
