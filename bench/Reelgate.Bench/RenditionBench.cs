// Renditions for bench/renditions.sh. An 8 s 1080p30 master with a tone (testsrc2 + sine), then:
// 1. the ladder h264_1080p30 + h264_720p30 + h264_1080p60 through RenditionRenderer.RenderAsync
//    (one split-filter process, -progress parsing, stderr draining, an ffprobe per output) vs the
//    same argv (RenditionArgs.Together) run bare, alternated; and, for the record of the choice, the
//    three one-rendition argvs (RenditionArgs.For) run bare one after another;
// 2. hevc_2160p60 and av1_2160p60 alone through the renderer: seconds of encode per second of video.
//
// Usage: Reelgate.Bench renditions --work DIR [--runs 3] [--seconds-4k 8]
// Prints "RESULT ladder ..." and "RESULT 4k ..." lines.

using System.Diagnostics;
using System.Globalization;
using Reelgate.Server.Media;
using Reelgate.Server.Media.Renditions;

internal static class RenditionBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? work = null;
        var runs = 3;
        var seconds4K = 8;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--work": work = args[++i]; break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds-4k": seconds4K = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'");
                    return 2;
            }
        }
        if (work is null)
        {
            Console.Error.WriteLine("--work DIR is required");
            return 2;
        }

        var runner = new FfmpegRunner();
        var probe = new MediaProbe(runner);
        var renderer = new RenditionRenderer(runner, probe);
        var master = Path.Combine(work, "master.mp4");
        await BareFfmpeg.RunAsync(runner.FfmpegPath,
        [
            "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=8", "-f", "lavfi", "-i", "sine=f=440:d=8",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-y", master,
        ]);
        var info = await probe.ProbeVideoAsync(master, CancellationToken.None);

        RenditionJob Job(string name, string suffix) =>
            new(RenditionLadder.Find(name)!, "duplicate", Path.Combine(work, $"{name}-{suffix}.mp4"));
        string[] ladder = ["h264_1080p30", "h264_720p30", "h264_1080p60"];
        var ours = ladder.Select(n => Job(n, "renderer")).ToList();
        var bareTogether = RenditionArgs.Together(master, info, ladder.Select(n => Job(n, "bare")).ToList());
        var bareSeparate = ladder.Select(n => RenditionArgs.For(master, info, Job(n, "separate"))).ToList();

        async Task<double> Time(Func<Task> run)
        {
            var clock = Stopwatch.StartNew();
            await run();
            return clock.Elapsed.TotalSeconds;
        }
        Task<double> Renderer() => Time(async () =>
        {
            var results = await renderer.RenderAsync(master, info, ours, TimeSpan.FromHours(1), CancellationToken.None);
            if (results.FirstOrDefault(r => !r.Ok) is { } failed)
                throw new InvalidOperationException($"{failed.Job.Spec.Name}: {failed.ErrorMessage}");
        });
        Task<double> Bare() => Time(() => BareFfmpeg.RunAsync(runner.FfmpegPath, bareTogether));
        Task<double> Separate() => Time(async () =>
        {
            foreach (var argv in bareSeparate)
                await BareFfmpeg.RunAsync(runner.FfmpegPath, argv);
        });

        List<double> oursTimes = [], bareTimes = [], separateTimes = [];
        for (var i = 0; i < runs; i++)
        {
            // Alternate the order so drift on a shared machine hits every side alike.
            if (i % 2 == 0)
            {
                oursTimes.Add(await Renderer());
                bareTimes.Add(await Bare());
            }
            else
            {
                bareTimes.Add(await Bare());
                oursTimes.Add(await Renderer());
            }
            separateTimes.Add(await Separate());
            Console.WriteLine($"  ladder run {i + 1}/{runs}: renderer {oursTimes[^1]:F2} s  bare {bareTimes[^1]:F2} s  separate {separateTimes[^1]:F2} s");
        }
        double oursMedian = BareFfmpeg.Median(oursTimes), bareMedian = BareFfmpeg.Median(bareTimes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT ladder runs={runs} renderer_s={oursMedian:F2} bare_s={bareMedian:F2} ratio={oursMedian / bareMedian:F3} "
            + $"separate_s={BareFfmpeg.Median(separateTimes):F2} split_vs_separate={bareMedian / BareFfmpeg.Median(separateTimes):F3}"));

        var master4K = Path.Combine(work, "master-4k.mp4");
        await BareFfmpeg.RunAsync(runner.FfmpegPath, ["-v", "error", "-t", seconds4K.ToString(CultureInfo.InvariantCulture), "-i", master, "-c", "copy", "-y", master4K]);
        var info4K = await probe.ProbeVideoAsync(master4K, CancellationToken.None);
        foreach (var name in new[] { "hevc_2160p60", "av1_2160p60" })
        {
            var job = Job(name, "4k");
            var seconds = await Time(async () =>
            {
                var result = (await renderer.RenderAsync(master4K, info4K, [job], TimeSpan.FromHours(1), CancellationToken.None))[0];
                if (!result.Ok)
                    throw new InvalidOperationException($"{name}: {result.ErrorMessage}");
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT 4k name={name} preset={RenditionPresets.For(RenditionPresets.Defaults, job.Spec.Codec)} video_s={info4K.DurationSeconds:F2} "
                + $"encode_s={seconds:F2} per_video_s={seconds / info4K.DurationSeconds:F2} mbps={new FileInfo(job.OutputPath).Length * 8 / info4K.DurationSeconds / 1e6:F1}"));
        }
        return 0;
    }
}
