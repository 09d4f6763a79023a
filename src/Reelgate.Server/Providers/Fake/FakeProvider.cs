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

/// A provider with a fixed latency and a fixed, real output: a one-second 64x64 MP4 (and a JPEG
/// poster) made once with FFmpeg and copied for every output, so the worker's probing, hashing
/// and storing run exactly as with a real provider.
internal sealed class FakeProvider(FfmpegRunner ffmpeg, IOptions<FakeProviderOptions> options) : IVideoProvider
{
    readonly SemaphoreSlim once = new(1, 1);
    (string Video, string Poster)? sample;

    public string Name => "fake";

    public async Task<IReadOnlyList<RenderedOutput>> GenerateAsync(ProviderJob job, Action<double> progress, CancellationToken ct)
    {
        var (video, poster) = await SampleAsync(ct);
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

    async Task<(string, string)> SampleAsync(CancellationToken ct)
    {
        if (sample is { } ready) return ready;
        await once.WaitAsync(ct);
        try
        {
            if (sample is { } made) return made;
            var dir = Directory.CreateTempSubdirectory("reelgate-fake-").FullName;
            var video = Path.Combine(dir, "sample.mp4");
            var poster = Path.Combine(dir, "sample.jpg");
            await ffmpeg.RunFfmpegAsync(["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=64x64:r=24:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", video], TimeSpan.FromSeconds(30), ct);
            await Poster.FirstFrameAsync(ffmpeg, video, poster, ct);
            sample = (video, poster);
            return (video, poster);
        }
        finally { once.Release(); }
    }
}
