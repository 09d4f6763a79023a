using Microsoft.Extensions.Options;
using Reelgate.Server.Media;

namespace Reelgate.Server.Providers.Fake;

internal sealed class FakeProviderOptions
{
    public const string Section = "Providers:Fake";

    /// Replaces the local engine in this process. For benchmarks and tests of the pipeline around
    /// a provider (claims, leases, storage), never for real use: it returns a fixed tiny clip.
    public bool Enabled { get; set; }

    /// How long each task "renders".
    public int LatencyMs { get; set; } = 500;
}

/// A provider with a fixed latency and a real output as asked: a flat-colour MP4 of the asked
/// size, frame rate and length (with a silent AAC track when audio was asked) and a JPEG poster,
/// made once per shape with FFmpeg and copied for every output, so the worker's probing, output
/// check, hashing and storing run exactly as with a real provider.
internal sealed class FakeProvider(FfmpegRunner ffmpeg, IOptions<FakeProviderOptions> options) : IVideoProvider
{
    readonly SemaphoreSlim once = new(1, 1);
    readonly Dictionary<(int W, int H, int Fps, int Seconds, bool Audio), (string Video, string Poster)> samples = [];

    public string Name => "fake";

    public async Task<IReadOnlyList<RenderedOutput>> GenerateAsync(ProviderJob job, Action<double> progress, CancellationToken ct)
    {
        var r = job.Request;
        var (video, poster) = await SampleAsync((r.Width, r.Height, r.Fps, r.Duration, r.GenerateAudio), ct);
        await Task.Delay(options.Value.LatencyMs, ct);
        var outputs = new List<RenderedOutput>();
        for (var i = 0; i < job.Request.N; i++)
        {
            var v = Path.Combine(job.WorkDir, $"{i}.mp4");
            var p = Path.Combine(job.WorkDir, $"{i}.jpg");
            File.Copy(video, v, overwrite: true);
            File.Copy(poster, p, overwrite: true);
            outputs.Add(new RenderedOutput(i, job.Request.Seed, v, p));
        }
        progress(1);
        return outputs;
    }

    async Task<(string, string)> SampleAsync((int W, int H, int Fps, int Seconds, bool Audio) shape, CancellationToken ct)
    {
        await once.WaitAsync(ct);
        try
        {
            if (samples.TryGetValue(shape, out var made)) return made;
            var dir = Directory.CreateTempSubdirectory("reelgate-fake-").FullName;
            var video = Path.Combine(dir, "sample.mp4");
            var poster = Path.Combine(dir, "sample.jpg");
            var seconds = shape.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            List<string> args = ["-v", "error", "-f", "lavfi", "-i", $"color=c=gray:s={shape.W}x{shape.H}:r={shape.Fps}:d={seconds}"];
            if (shape.Audio) args.AddRange(["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", seconds, "-c:a", "aac", "-shortest"]);
            args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", video]);
            await ffmpeg.RunFfmpegAsync(args, TimeSpan.FromMinutes(2), ct);
            await Poster.FirstFrameAsync(ffmpeg, video, poster, ct);
            samples[shape] = (video, poster);
            return (video, poster);
        }
        finally { once.Release(); }
    }
}
