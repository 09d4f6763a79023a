namespace Reelgate.Server.Media;

/// The FFmpeg command of an upscale (Tasks/Upscales): the stored video scaled to the target size
/// with the lanczos filter, H.264 at a quality that keeps the detail lanczos recovered, the audio
/// copied untouched. Pure: paths through FfmpegPaths, so a work file is never read as an option.
internal static class Upscale
{
    public static IReadOnlyList<string> Arguments(string input, string output, int width, int height) =>
    [
        "-v", "error", "-i", FfmpegPaths.ToUrl(input),
        "-map", "0:v:0", "-map", "0:a?", "-vf", $"scale={width}:{height}:flags=lanczos,setsar=1",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-threads:v", "4",
        "-c:a", "copy", "-movflags", "+faststart",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
        "-y", FfmpegPaths.ToUrl(output),
    ];
}
