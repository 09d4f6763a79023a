// Local engine vs bare ffmpeg: the same render, once through LocalEngine.RenderAsync (plan, caption
// file, FfmpegRunner with -progress parsing and stderr draining) and once as the identical argv from
// LocalEngine.BuildArguments started directly with System.Diagnostics.Process. Runs alternate
// (engine/bare, then bare/engine, ...) so drift on a noisy machine hits both sides alike; the
// figure is the ratio of the medians, engine/bare.
//
// Usage: Reelgate.Bench [--runs N] [--warmup N] [--work DIR] [--only text|first-frame]
// Prints one "RESULT ..." line per scenario for bench/engine.sh to parse.

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Reelgate.Server.Media;
using Reelgate.Server.Providers.Local;

if (args is ["ratelimit", ..]) return await PacedLoad.RunAsync(args[1..]); // bench/ratelimit.sh's load (PacedLoad.cs)
if (args is ["webhooks", ..]) return await WebhookBench.RunAsync(args[1..]); // bench/webhooks.sh (WebhookBench.cs)
if (args is ["providers", ..]) return await ProviderBench.RunAsync(args[1..]); // bench/providers.sh (ProviderBench.cs)
if (args is ["renditions", ..]) return await RenditionBench.RunAsync(args[1..]); // bench/renditions.sh (RenditionBench.cs)
if (args is ["hls", ..]) return await HlsBench.RunAsync(args[1..]); // bench/hls.sh (HlsBench.cs)
var runs = 5;
var warmup = 1;
string? work = null;
string? only = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--work": work = args[++i]; break;
        case "--only": only = args[++i]; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'");
            return 2;
    }
}

var ownsWork = work is null;
work ??= Path.Combine(Path.GetTempPath(), $"reelgate-bench-{Environment.ProcessId}");
Directory.CreateDirectory(work);
try
{
    var runner = new FfmpegRunner();
    var engine = new LocalEngine(runner, TimeSpan.FromMinutes(10), Path.Combine(work, "scratch"));

    const string prompt = "A slow aerial shot over a mountain lake at sunset, warm light on the water, "
        + "pine trees along the shore, gentle camera drift";

    var image = Path.Combine(work, "first-frame.png");
    await MakeImageAsync(image);

    var scenarios = new List<(string Name, RenderSpec Spec)>
    {
        ("text", new RenderSpec(1280, 720, 24, 8, prompt, null, 12345, true, RenderMode.Text, [], ResizeMode.Pad)),
        ("first-frame", new RenderSpec(1280, 720, 24, 8, prompt, null, 12345, true, RenderMode.FirstFrame, [image], ResizeMode.Pad)),
    };

    var warmedUp = false;
    Console.WriteLine($"# engine vs bare ffmpeg: {runs} timed run(s) each, {warmup} warm-up pair(s) first, {Environment.ProcessorCount} cores, ffmpeg on PATH");
    foreach (var (name, spec) in scenarios)
    {
        if (only is not null && only != name)
            continue;

        var engineVideo = Path.Combine(work, $"{name}-engine.mp4");
        var engineThumb = Path.Combine(work, $"{name}-engine.jpg");
        var bareVideo = Path.Combine(work, $"{name}-bare.mp4");
        var bareThumb = Path.Combine(work, $"{name}-bare.jpg");
        // BuildArguments writes the caption file it names (content-addressed, left in place), so the
        // bare run reads the same caption text the engine writes for itself.
        var argv = engine.BuildArguments(spec, bareVideo, bareThumb);
        var progress = new CountingProgress();

        async Task<double> Engine()
        {
            var clock = Stopwatch.StartNew();
            await engine.RenderAsync(spec, engineVideo, engineThumb, progress, CancellationToken.None);
            return clock.Elapsed.TotalSeconds;
        }

        async Task<double> Bare()
        {
            var clock = Stopwatch.StartNew();
            await BareFfmpeg.RunAsync(runner.FfmpegPath, argv);
            return clock.Elapsed.TotalSeconds;
        }

        // Warm-up (JIT, page cache, ffmpeg's libraries) before the first scenario only.
        for (var i = 0; i < warmup && !warmedUp; i++)
        {
            await Engine();
            await Bare();
        }
        warmedUp = true;

        var engineTimes = new List<double>();
        var bareTimes = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            if (i % 2 == 0)
            {
                engineTimes.Add(await Engine());
                bareTimes.Add(await Bare());
            }
            else
            {
                bareTimes.Add(await Bare());
                engineTimes.Add(await Engine());
            }
            Console.WriteLine($"  {name} run {i + 1}/{runs}: engine {engineTimes[^1]:F3} s  bare {bareTimes[^1]:F3} s");
        }

        var engineMedian = BareFfmpeg.Median(engineTimes);
        var bareMedian = BareFfmpeg.Median(bareTimes);
        var ratio = engineMedian / bareMedian;
        // Both sides ran the same argv (bit-exact flags, pinned encoder threads), so the files should match.
        var identical = Sha256(engineVideo) == Sha256(bareVideo) ? "yes" : "no";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT scenario={name} runs={runs} engine_median_s={engineMedian:F3} bare_median_s={bareMedian:F3} ratio={ratio:F3} "
            + $"engine_min_s={engineTimes.Min():F3} bare_min_s={bareTimes.Min():F3} identical_output={identical} "
            + $"video_bytes={new FileInfo(engineVideo).Length} progress_reports={progress.Count}"));
    }
    return 0;
}
finally
{
    if (ownsWork)
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is under the temp folder.
        }
    }
}

static string Sha256(string path)
{
    using var stream = File.OpenRead(path);
    return Convert.ToHexStringLower(SHA256.HashData(stream));
}

static async Task MakeImageAsync(string path)
{
    if (File.Exists(path))
        return;
    await BareFfmpeg.RunAsync("ffmpeg",
    [
        "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=1,drawbox=x=200:y=150:w=400:h=300:color=orange@0.8:t=fill",
        "-frames:v", "1", path,
    ]);
}

/// Called synchronously, as the server's own progress sink does (LocalProvider.Progress).
internal sealed class CountingProgress : IProgress<RenderProgress>
{
    public int Count { get; private set; }

    public double Last { get; private set; }

    public void Report(RenderProgress value)
    {
        Count++;
        Last = value.Fraction;
    }
}
