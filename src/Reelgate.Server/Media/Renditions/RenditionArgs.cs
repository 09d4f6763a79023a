using System.Globalization;

namespace Reelgate.Server.Media.Renditions;

/// The FFmpeg argument list of one rendition. Pure: paths through FfmpegPaths.
internal static class RenditionArgs
{
    public static IReadOnlyList<string> For(
        string master, MediaInfo info, RenditionJob job, IReadOnlyDictionary<string, string>? presets = null) =>
    [
        "-v", "error", "-i", FfmpegPaths.ToUrl(master),
        "-map", "0:v:0", "-vf", VideoFilter(info, job), .. Output(info, job, presets ?? RenditionPresets.Defaults),
    ];

    /// All renditions of one master in one FFmpeg process: the master is decoded once and `split`
    /// feeds each rendition's filter chain (measured cheaper than one process per rendition, see
    /// ARCHITECTURE.md). One job gets the plain single-output form.
    public static IReadOnlyList<string> Together(
        string master, MediaInfo info, IReadOnlyList<RenditionJob> jobs, IReadOnlyDictionary<string, string>? presets = null)
    {
        if (jobs.Count == 1)
            return For(master, info, jobs[0], presets);
        var branches = string.Concat(Enumerable.Range(0, jobs.Count).Select(i => $"[s{i}]"));
        var chains = jobs.Select((job, i) => $";[s{i}]{VideoFilter(info, job)}[v{i}]");
        List<string> args = ["-v", "error", "-i", FfmpegPaths.ToUrl(master),
            "-filter_complex", $"[0:v:0]split={jobs.Count}{branches}{string.Concat(chains)}"];
        for (var i = 0; i < jobs.Count; i++)
            args.AddRange(["-map", $"[v{i}]", .. Output(info, jobs[i], presets ?? RenditionPresets.Defaults)]);
        return args;
    }

    /// Scale (lanczos) and frame rate. Duplication (`fps`) is the default; `interpolate` runs
    /// `minterpolate` only when the rung is faster than the master (slowing down has nothing to
    /// interpolate), at the smaller of the two sizes because its cost grows with the pixel count.
    public static string VideoFilter(MediaInfo info, RenditionJob job)
    {
        var s = job.Spec;
        var (w, h) = s.SizeFor(info.Width, info.Height);
        var scale = $"scale={w}:{h}:flags=lanczos,setsar=1";
        if (job.FpsMode != "interpolate" || s.Fps <= info.Fps)
            return $"{scale},fps={s.Fps}";
        var interpolate = $"minterpolate=fps={s.Fps}:mi_mode=mci:mc_mode=aobmc:me_mode=bidir:vsbmc=1";
        return s.IsUpscale(info.Width, info.Height) ? $"{interpolate},{scale}" : $"{scale},{interpolate}";
    }

    /// Everything after the video's filter: encoder, rate control, keyframes, audio, container and
    /// the output file. Keyframes fall every 2 s exactly and GOPs are closed, so the HLS packager can
    /// cut 2-second CMAF segments without re-encoding.
    public static IReadOnlyList<string> Output(MediaInfo info, RenditionJob job, IReadOnlyDictionary<string, string> presets)
    {
        var s = job.Spec;
        var gop = (s.Fps * 2).ToString(CultureInfo.InvariantCulture);
        var preset = RenditionPresets.For(presets, s.Codec);
        string[] codec = s.Codec switch
        {
            "h264" => ["-c:v", "libx264", "-preset", preset, "-profile:v", "high", "-g", gop, "-keyint_min", gop, "-sc_threshold", "0"],
            "hevc" => ["-c:v", "libx265", "-preset", preset, "-profile:v", "main", "-tag:v", "hvc1",
                "-x265-params", $"keyint={gop}:min-keyint={gop}:scenecut=0:open-gop=0:log-level=error"],
            "av1" => ["-c:v", "libsvtav1", "-preset", preset, "-g", gop],
            _ => ["-c:v", "libvpx-vp9", "-deadline", int.Parse(preset, CultureInfo.InvariantCulture) >= 5 ? "realtime" : "good",
                "-cpu-used", preset, "-row-mt", "1", "-profile:v", "0", "-g", gop, "-keyint_min", gop],
        };
        // The VBV buffer holds one second at the band's top: any stretch of the file stays close to
        // -maxrate, which is what a player's bandwidth estimate (and HLS BANDWIDTH) relies on.
        string[] rate = ["-b:v", Bps(s.TargetBitrate), "-maxrate", Bps(s.MaxBitrate), "-bufsize", Bps(s.MaxBitrate)];
        string[] audio = info.AudioCodec is null ? ["-an"]
            : ["-map", "0:a:0", .. Trim(info), "-c:a", s.Container == "webm" ? "libopus" : "aac", "-b:a", "128k", "-ac", "2"];
        string[] container = s.Container == "mp4" ? ["-movflags", "+faststart"] : [];
        return
        [
            .. codec, "-pix_fmt", "yuv420p", .. rate, .. audio, .. container,
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1",
            "-y", FfmpegPaths.ToUrl(job.OutputPath),
        ];
    }

    /// A decoded AAC master ends on a whole 1024-sample frame, up to 23 ms past its video, more
    /// than one frame at 60 fps: the audio is cut at the master's duration so the rendition's
    /// duration stays within a frame of it.
    static string[] Trim(MediaInfo info) =>
        info.DurationSeconds > 0 ? ["-af", "atrim=end=" + info.DurationSeconds.ToString("0.######", CultureInfo.InvariantCulture)] : [];

    static string Bps(long bitsPerSecond) => bitsPerSecond.ToString(CultureInfo.InvariantCulture);
}
