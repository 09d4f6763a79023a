namespace Reelgate.Server.Media;

internal sealed class MediaOptions
{
    public const string Section = "Media";

    public string FfmpegPath { get; set; } = "ffmpeg";
    public string FfprobePath { get; set; } = "ffprobe";

    /// When FFmpeg is missing at start-up and this process may use apt-get (root on Debian or
    /// Ubuntu), install it; otherwise stop with the command that would.
    public bool AutoInstall { get; set; } = true;

    /// Encoder speed presets of the rendition ladder, by codec (`Media:Presets:h264|hevc|av1|vp9`):
    /// x264/x265 preset names, the SVT-AV1 preset (0 slowest – 13 fastest), libvpx-vp9 `-cpu-used`
    /// (0–8, realtime deadline from 5 up). Defaults measured on a 2-core machine so a 4K60 rendition
    /// of an 8 s video is feasible: x265 ultrafast ≈ 5.4 s and SVT-AV1 10 ≈ 7 s of encode per second
    /// of 4K60 video (RenditionPresets, ARCHITECTURE.md). A configured codec replaces its default only.
    public Dictionary<string, string> Presets { get; set; } = new(Renditions.RenditionPresets.Defaults, StringComparer.OrdinalIgnoreCase);

    /// A provider's output that differs from the request (Tasks/Checks/OutputCheck) fails the task
    /// with `output_mismatch` by default; when true, the task completes with `downgrade` and is
    /// charged at the delivered tier's price.
    public bool AcceptDowngrades { get; set; }

    public const string FontPath = Providers.Local.FilterGraphBuilder.FontFile;
    public const string InstallCommand = "sudo apt-get update && sudo apt-get install -y ffmpeg fonts-dejavu-core";
}
