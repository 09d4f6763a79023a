using Reelgate.Server.Media;
using Reelgate.Server.Media.Hls;
using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Tests.Media.Hls;

/// Small renditions made with FFmpeg as the rendition work makes them (a keyframe every 2 s, AAC
/// audio in MP4), at a size that encodes in a moment, and the HLS package of them.
internal static class HlsSamples
{
    public static async Task<HlsInput> RenditionAsync(string folder, string name, double seconds = 6)
    {
        var spec = RenditionLadder.Find(name)!;
        var path = Path.Combine(folder, spec.FileName);
        string[] video = spec.Codec switch
        {
            "h264" => ["-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0"],
            "hevc" => ["-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1", "-x265-params", "keyint=60:min-keyint=60:scenecut=0:log-level=error"],
            "av1" => ["-c:v", "libsvtav1", "-preset", "12", "-g", "60", "-svtav1-params", "keyint=60"],
            _ => ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "60"],
        };
        string[] audio = spec.Container == "webm" ? ["-c:a", "libopus"] : ["-c:a", "aac"];
        var ffmpeg = new FfmpegRunner();
        await ffmpeg.RunFfmpegAsync(["-v", "error", "-f", "lavfi", "-i", $"testsrc2=s=320x180:r=30:d={seconds}", "-f", "lavfi", "-i", $"sine=d={seconds}",
            .. video, "-pix_fmt", "yuv420p", .. audio, "-shortest", "-y", FfmpegPaths.ToUrl(path)], TimeSpan.FromMinutes(2), CancellationToken.None);
        var info = await new MediaProbe(ffmpeg).ProbeVideoAsync(path, CancellationToken.None);
        return new HlsInput(spec, path, info, null);
    }

    public static async Task<HlsPackage> PackageAsync(string folder, params string[] names)
    {
        var inputs = new List<HlsInput>();
        foreach (var name in names) inputs.Add(await RenditionAsync(folder, name));
        return await new HlsPackager(new FfmpegRunner()).PackageAsync(inputs, Path.Combine(folder, "hls"), TimeSpan.FromMinutes(1), CancellationToken.None);
    }
}
