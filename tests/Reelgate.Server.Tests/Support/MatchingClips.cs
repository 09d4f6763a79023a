using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reelgate.Server.Media;

namespace Reelgate.Server.Tests.Support;

/// The shape of a clip a fake upstream delivers. Fake upstreams answer with what was asked, so the
/// server's output check (Tasks/Checks) passes; the OutputChecks tests ask them for something else.
public sealed record ClipShape(int Width, int Height, int Seconds, int Fps = 24, bool Audio = true)
{
    /// What an OpenAI-style `POST /v1/videos` asked (`size`, `seconds`; multipart or JSON).
    /// Reelgate sends no fps or audio there: its requests default to 24 fps.
    public static ClipShape FromOpenAi(string body)
    {
        var size = Field(body, "size") ?? "1280x720";
        var parts = size.Split('x');
        return new(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(Field(body, "seconds") ?? "8", CultureInfo.InvariantCulture));
    }

    /// What a Veo `predictLongRunning` body asked (`parameters`: resolution, aspectRatio, durationSeconds).
    public static ClipShape FromVeo(string body)
    {
        var p = JsonNode.Parse(body)?["parameters"];
        var resolution = p?["resolution"]?.GetValue<string>() ?? "720p";
        var aspect = p?["aspectRatio"]?.GetValue<string>() ?? "16:9";
        var (w, h) = global::Reelgate.Server.Tasks.VideoSizes.For(resolution, aspect);
        return new(w, h, p?["durationSeconds"]?.GetValue<int>() ?? 8);
    }

    static string? Field(string body, string name) =>
        Regex.Match(body, $"name=\"?{name}\"?\\r?\\n(?:[^\\r\\n]*\\r?\\n)*?\\r?\\n([^\\r\\n]+)") is { Success: true } form ? form.Groups[1].Value.Trim()
        : Regex.Match(body, $"\"{name}\"\\s*:\\s*\"?([0-9x]+)") is { Success: true } json ? json.Groups[1].Value : null;
}

/// Real MP4s of a given shape (flat colour, silent AAC), made once per shape per test run.
public static class MatchingClips
{
    static readonly ConcurrentDictionary<ClipShape, Lazy<byte[]>> Made = new();

    public static byte[] Mp4(ClipShape s) => Made.GetOrAdd(s, shape => new Lazy<byte[]>(() => Make(shape))).Value;

    static byte[] Make(ClipShape s)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reelgate-clip-{Guid.NewGuid():N}.mp4");
        try
        {
            var seconds = s.Seconds.ToString(CultureInfo.InvariantCulture);
            List<string> args = ["-v", "error", "-f", "lavfi", "-i", $"color=c=gray:s={s.Width}x{s.Height}:r={s.Fps}:d={seconds}"];
            if (s.Audio) args.AddRange(["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", seconds, "-c:a", "aac", "-shortest"]);
            args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", path]);
            new FfmpegRunner().RunFfmpegAsync(args, TimeSpan.FromMinutes(2), CancellationToken.None).GetAwaiter().GetResult();
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }
}
