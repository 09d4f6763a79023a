using Reelgate.Server.Media;

namespace Reelgate.Server.Tasks.Sequels;

/// The FFmpeg commands of a local sequel. Pure: paths through FfmpegPaths.
internal static class SequelMedia
{
    /// The first frame (`last: false`) or the last one: read from the final second, each frame
    /// overwriting the one before (`-update 1`), so the file left is the last decoded frame.
    public static IReadOnlyList<string> FrameArguments(string video, string png, bool last) =>
    [
        "-v", "error", .. last ? new[] { "-sseof", "-1" } : [], "-i", FfmpegPaths.ToUrl(video),
        .. last ? Array.Empty<string>() : ["-frames:v", "1"], "-update", "1", "-y", FfmpegPaths.ToUrl(png),
    ];

    /// Parent then continuation as one H.264 file at the parent's size and frame rate. Re-encoded
    /// through the concat filter rather than stream-copied: a parent from a remote provider has its
    /// own profile, level and timebase, and the concat demuxer copies only streams that match.
    /// Audio is joined when both have it (the continuation renders audio when the parent has it).
    public static IReadOnlyList<string> JoinArguments(string parent, string continuation, string output, int width, int height, int fps, bool audio)
    {
        var video = $"scale={width}:{height}:force_original_aspect_ratio=decrease,pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps={fps},format=yuv420p";
        const string sound = "aformat=sample_rates=48000:channel_layouts=stereo";
        var graph = audio
            ? $"[0:v]{video}[v0];[1:v]{video}[v1];[0:a]{sound}[a0];[1:a]{sound}[a1];[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]"
            : $"[0:v]{video}[v0];[1:v]{video}[v1];[v0][v1]concat=n=2:v=1:a=0[v]";
        return
        [
            "-v", "error", "-i", FfmpegPaths.ToUrl(parent), "-i", FfmpegPaths.ToUrl(continuation),
            "-filter_complex", graph, "-map", "[v]", .. audio ? new[] { "-map", "[a]", "-c:a", "aac", "-b:a", "128k" } : [],
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-threads:v", "4", "-movflags", "+faststart",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
            "-y", FfmpegPaths.ToUrl(output),
        ];
    }
}
