namespace Reelgate.Server.Media;

internal sealed class MediaOptions
{
    public const string Section = "Media";

    public string FfmpegPath { get; set; } = "ffmpeg";
    public string FfprobePath { get; set; } = "ffprobe";

    /// When FFmpeg is missing at start-up and this process may use apt-get (root on Debian or
    /// Ubuntu), install it; otherwise stop with the command that would.
    public bool AutoInstall { get; set; } = true;

    public const string FontPath = Providers.Local.FilterGraphBuilder.FontFile;
    public const string InstallCommand = "sudo apt-get update && sudo apt-get install -y ffmpeg fonts-dejavu-core";
}
