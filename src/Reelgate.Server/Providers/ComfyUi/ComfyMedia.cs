using System.Text.Json;
using Reelgate.Server.Media;

namespace Reelgate.Server.Providers.ComfyUi;

/// What to do with a downloaded ComfyUI output so it plays everywhere: H.264 in MP4, yuv420p,
/// moov atom first. Decisions and FFmpeg arguments only; ComfyUiProvider runs them.
internal static class ComfyMedia
{
    public static IReadOnlyList<string> ProbeArguments(string path) =>
        ["-v", "error", "-print_format", "json", "-show_entries", "format=format_name:stream=codec_type,codec_name,pix_fmt", "-i", FfmpegPaths.ToUrl(path)];

    /// From the output of ProbeArguments: is this already H.264/yuv420p in an MP4 container? Then
    /// a stream copy (to move the moov atom first) is enough; anything else is re-encoded.
    public static bool IsPlayableMp4(string ffprobeJson)
    {
        using var doc = JsonDocument.Parse(ffprobeJson);
        var root = doc.RootElement;
        var format = root.TryGetProperty("format", out var f) && f.TryGetProperty("format_name", out var n) ? n.GetString() ?? "" : "";
        if (!format.Split(',').Contains("mp4")) return false;
        if (!root.TryGetProperty("streams", out var streams)) return false;
        var video = streams.EnumerateArray().Where(s => Text(s, "codec_type") == "video").ToList();
        return video.Count == 1 && Text(video[0], "codec_name") == "h264" && Text(video[0], "pix_fmt") == "yuv420p";
    }

    /// Same streams, moov atom first.
    public static IReadOnlyList<string> RemuxArguments(string input, string output) =>
        ["-v", "error", "-i", FfmpegPaths.ToUrl(input), "-map", "0:v:0", "-map", "0:a:0?", "-c", "copy",
         "-movflags", "+faststart", "-f", "mp4", "-y", FfmpegPaths.ToUrl(output)];

    /// WebM, GIF, WebP, ProRes… → H.264/AAC MP4. Odd sizes are trimmed to even ones, which
    /// yuv420p needs.
    public static IReadOnlyList<string> TranscodeArguments(string input, string output) =>
        ["-v", "error", "-i", FfmpegPaths.ToUrl(input), "-map", "0:v:0", "-map", "0:a:0?",
         "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:v", "libx264", "-preset", "medium", "-crf", "18",
         "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", "-f", "mp4", "-y", FfmpegPaths.ToUrl(output)];

    static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
