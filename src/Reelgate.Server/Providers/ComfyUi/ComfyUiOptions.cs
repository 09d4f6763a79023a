using Reelgate.Server.Catalog;

namespace Reelgate.Server.Providers.ComfyUi;

/// A self-hosted ComfyUI server running video models (Wan, LTX-Video, HunyuanVideo).
internal sealed class ComfyUiOptions
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

    /// How many jobs the router may have in this ComfyUI at once (one GPU runs one prompt at a
    /// time; more only queue there). The adapter itself does not count.
    public int MaxConcurrency { get; set; } = 1;

    /// The delay between polls, and after a 429/5xx that named none.
    public double PollSeconds { get; set; } = 2;

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
