namespace Reelgate.Server.Previews;

/// `Previews`: the animated WebP, spritesheet and WebVTT track made beside every output.
internal sealed class PreviewsOptions
{
    public const string Section = "Previews";

    /// Off: outputs get the poster only, and the preview variants answer 404 variant_not_available.
    public bool Enabled { get; set; } = true;

    /// One FFmpeg run for both files; a failure or timeout costs the previews, never the task.
    public int TimeoutSeconds { get; set; } = 120;
}
