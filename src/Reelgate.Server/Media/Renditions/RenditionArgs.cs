namespace Reelgate.Server.Media.Renditions;

/// The FFmpeg argument list of one rendition. Pure: paths through FfmpegPaths.
internal static class RenditionArgs
{
    public static IReadOnlyList<string> For(string master, MediaInfo info, RenditionJob job)
    {
        var s = job.Spec;
        var (w, h) = s.SizeFor(info.Width, info.Height);
        var rate = job.FpsMode == "interpolate" ? $"minterpolate=fps={s.Fps}:mi_mode=mci" : $"fps={s.Fps}";
        string[] codec = s.Codec switch
        {
            "h264" => ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p"],
            "hevc" => ["-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1", "-pix_fmt", "yuv420p"],
            "av1" => ["-c:v", "libsvtav1", "-preset", "12", "-pix_fmt", "yuv420p"],
            _ => ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1", "-pix_fmt", "yuv420p"],
        };
        string[] audio = s.Container == "webm" ? ["-c:a", "libopus", "-b:a", "128k"] : ["-c:a", "aac", "-b:a", "128k"];
        return
        [
            "-v", "error", "-i", FfmpegPaths.ToUrl(master),
            "-map", "0:v:0", "-map", "0:a?", "-vf", $"scale={w}:{h}:flags=lanczos,setsar=1,{rate}",
            .. codec, "-b:v", s.TargetBitrate.ToString(), "-maxrate", s.MaxBitrate.ToString(), "-bufsize", (s.MaxBitrate * 2).ToString(),
            .. audio, .. (s.Container == "mp4" ? new[] { "-movflags", "+faststart" } : []),
            "-map_metadata", "-1", "-y", FfmpegPaths.ToUrl(job.OutputPath),
        ];
    }
}
