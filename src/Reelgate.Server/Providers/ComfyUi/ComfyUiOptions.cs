using Reelgate.Server.Catalog;

namespace Reelgate.Server.Providers.ComfyUi;

/// A self-hosted ComfyUI server running video models (Wan, LTX-Video, HunyuanVideo). One job at
/// a time by default: one GPU runs one prompt at a time, more would only queue there.
internal sealed class ComfyUiOptions() : RemoteProviderOptions(maxConcurrency: 1, pollSeconds: 2)
{
    public const string Section = "Providers:ComfyUi";

    /// e.g. "http://gpu-box:8188".
    public string BaseUrl { get; set; } = "";

    /// Optional; sent as `Authorization: Bearer` for deployments behind an auth proxy.
    public string? ApiKey { get; set; }

    /// For each API call; downloads get DownloadTimeoutSeconds, FFmpeg conversions FfmpegTimeoutSeconds.
    public int TimeoutSeconds { get; set; } = 30;

    public int DownloadTimeoutSeconds { get; set; } = 300;

    public int FfmpegTimeoutSeconds { get; set; } = 300;

    /// Public model → an API-format workflow template file (see WorkflowTemplate). A relative
    /// path is taken from the application's folder, so "Providers/ComfyUi/Templates/wan2.1-t2v.json"
    /// names a shipped example.
    public Dictionary<string, string> Workflows { get; set; } = [];

    public string? TemplatePath(string publicModel, string upstreamModel)
    {
        // The same lookup the router uses to decide ComfyUI serves the model (id or alias as the key).
        var path = ModelMap.Lookup(Workflows, publicModel) ?? ModelMap.Lookup(Workflows, upstreamModel);
        return path is null ? null : Path.GetFullPath(path, AppContext.BaseDirectory);
    }
}
