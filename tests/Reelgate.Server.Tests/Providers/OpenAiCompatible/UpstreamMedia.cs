using Reelgate.Server.Media;

namespace Reelgate.Server.Tests.Providers.OpenAiCompatible;

/// Real media the fake upstreams serve, made once per test run with ffmpeg's testsrc2: a 1 s
/// 64x64 H.264 MP4, the same as VP9 WebM (ComfyUI's SaveWEBM), and a still WebP (OpenAI's thumbnail).
public static class UpstreamMedia
{
    static readonly Lazy<Dictionary<string, byte[]>> Made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    public static byte[] Mp4 => Made.Value["clip.mp4"];

    public static byte[] Webm => Made.Value["clip.webm"];

    public static byte[] WebpStill => Made.Value["thumb.webp"];

    static Dictionary<string, byte[]> Make()
    {
        var dir = Directory.CreateTempSubdirectory("reelgate-upstream-media-").FullName;
        try
        {
            var runner = new FfmpegRunner();
            var source = new[] { "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=64x64:r=24:d=1" };
            var outputs = new Dictionary<string, string[]>
            {
                ["clip.mp4"] = ["-c:v", "libx264", "-pix_fmt", "yuv420p"],
                ["clip.webm"] = ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8"],
                ["thumb.webp"] = ["-frames:v", "1"],
            };
            var made = new Dictionary<string, byte[]>();
            foreach (var (name, codec) in outputs)
            {
                var path = Path.Combine(dir, name);
                runner.RunFfmpegAsync([.. source, .. codec, "-y", path], TimeSpan.FromMinutes(1), CancellationToken.None).GetAwaiter().GetResult();
                made[name] = File.ReadAllBytes(path);
            }
            return made;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
