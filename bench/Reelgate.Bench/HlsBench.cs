// HLS packaging vs bare FFmpeg: the ladder seed 000 names (h264_1080p30, h264_720p30,
// h264_1080p60, 8 s with audio, a keyframe every 2 s) packaged once through HlsPackager.PackageAsync
// (the cuts run concurrently, then codec strings from the init segments, bandwidth from the
// segments, the master playlist) and once as the identical HlsArgs argv per rendition started
// directly with System.Diagnostics.Process, also concurrently. Runs alternate; the figure is the
// ratio of the medians, packager/bare. Prints one "RESULT ..." line for bench/hls.sh.
using System.Diagnostics;
using System.Globalization;
using Reelgate.Server.Media;
using Reelgate.Server.Media.Hls;
using Reelgate.Server.Media.Renditions;

static class HlsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args is ["--runs", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 7;
        var work = Path.Combine(Path.GetTempPath(), $"reelgate-bench-hls-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            var runner = new FfmpegRunner();
            var probe = new MediaProbe(runner);
            var ladder = new List<HlsInput>();
            foreach (var name in new[] { "h264_1080p30", "h264_720p30", "h264_1080p60" })
            {
                var spec = RenditionLadder.Find(name)!;
                var (w, h) = spec.SizeFor(1920, 1080);
                var path = Path.Combine(work, spec.FileName);
                await runner.RunFfmpegAsync(["-v", "error", "-f", "lavfi", "-i", $"testsrc2=s={w}x{h}:r={spec.Fps}:d=8", "-f", "lavfi", "-i", "sine=d=8",
                    "-c:v", "libx264", "-preset", "ultrafast", "-b:v", spec.TargetBitrate.ToString(CultureInfo.InvariantCulture),
                    "-g", (spec.Fps * 2).ToString(CultureInfo.InvariantCulture), "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                    "-movflags", "+faststart", "-y", FfmpegPaths.ToUrl(path)], TimeSpan.FromMinutes(5), CancellationToken.None);
                ladder.Add(new HlsInput(spec, path, await probe.ProbeVideoAsync(path, CancellationToken.None), null));
            }
            var packager = new HlsPackager(runner);
            async Task<double> Packager(int i)
            {
                var clock = Stopwatch.StartNew();
                await packager.PackageAsync(ladder, Path.Combine(work, $"p{i}"), TimeSpan.FromMinutes(2), CancellationToken.None);
                return clock.Elapsed.TotalSeconds;
            }
            async Task<double> Bare(int i)
            {
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(ladder.Select(l =>
                {
                    var dir = Path.Combine(work, $"b{i}", l.Spec.Name);
                    Directory.CreateDirectory(dir);
                    return RunAsync(HlsArgs.For(l.Path, dir, l.Spec.Codec));
                }));
                return clock.Elapsed.TotalSeconds;
            }
            await Packager(-1); await Bare(-1);
            var (p, b) = (new List<double>(), new List<double>());
            for (var i = 0; i < runs; i++)
            {
                if (i % 2 == 0) { p.Add(await Packager(i)); b.Add(await Bare(i)); }
                else { b.Add(await Bare(i)); p.Add(await Packager(i)); }
            }
            double Median(List<double> x) { x.Sort(); return x[x.Count / 2]; }
            var (pm, bm) = (Median(p), Median(b));
            Console.WriteLine(FormattableString.Invariant($"RESULT scenario=hls packager_median_s={pm:0.000} bare_median_s={bm:0.000} ratio={pm / bm:0.00} runs={runs}"));
            return 0;
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    static async Task RunAsync(IReadOnlyList<string> argv)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in argv) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException(await err);
    }
}
