namespace Reelgate.Server.Media.Previews;

/// The FFmpeg commands of the previews. Pure: paths through FfmpegPaths. Both files come from one
/// process that decodes the master once and splits the frames (decoding a 1080p master costs more
/// than either encode); the WebP alone is the command of a retry with leaner settings.
internal static class PreviewCommand
{
    public static IReadOnlyList<string> Both(string video, int width, int height, SpriteGrid grid, AnimatedPreview webp, string webpPath, string sprites) =>
    [
        "-v", "error", "-i", FfmpegPaths.ToUrl(video),
        "-filter_complex", $"[0:v:0]split=2[p][s];[p]{webp.Filter(width, height)}[webp];[s]{grid.Filter}[sheet]",
        "-map", "[webp]", .. webp.Output(webpPath),
        // One sheet: `-update 1` so a '%' in the name is not a sequence pattern.
        "-map", "[sheet]", "-frames:v", "1", "-q:v", "4", "-update", "1", "-y", FfmpegPaths.ToUrl(sprites),
    ];

    public static IReadOnlyList<string> WebpOnly(string video, int width, int height, AnimatedPreview webp, string webpPath) =>
    [
        // Reads only the seconds it needs.
        "-v", "error", "-t", $"{AnimatedPreview.Seconds}", "-i", FfmpegPaths.ToUrl(video),
        "-map", "0:v:0", "-vf", webp.Filter(width, height), .. webp.Output(webpPath),
    ];
}
