using Reelgate.Server.Catalog;
using Reelgate.Server.Media;

namespace Reelgate.Server.Providers.Local;

/// The built-in preview engine as a provider: one FFmpeg render per output, seeds seed, seed+1, …
internal sealed class LocalProvider(LocalEngine engine) : IVideoProvider
{
    public string Name => "local";

    public async Task<IReadOnlyList<RenderedOutput>> GenerateAsync(ProviderJob job, Action<double> progress, CancellationToken ct)
    {
        var r = job.Request;
        var outputs = new List<RenderedOutput>();
        for (var i = 0; i < r.N; i++)
        {
            var seed = VariantSeed(r.Seed, i);
            var spec = new RenderSpec(r.Width, r.Height, r.Fps, r.Duration, r.Prompt, r.NegativePrompt, seed, r.GenerateAudio,
                ModeOf(r.GenerationType), job.ImagePaths, r.ResizeMode == "crop" ? ResizeMode.Crop : ResizeMode.Pad);
            var video = Path.Combine(job.WorkDir, $"{i}.mp4");
            var thumb = Path.Combine(job.WorkDir, $"{i}.jpg");
            var index = i;
            try
            {
                await engine.RenderAsync(spec, video, thumb, new Progress(p => progress((index + p.Fraction) / r.N)), ct);
            }
            catch (FfmpegException e) when (!ct.IsCancellationRequested)
            {
                throw new ProviderException(e.TimedOut ? "render_timeout" : "render_failed", e.Message, e);
            }
            outputs.Add(new RenderedOutput(i, seed, video, thumb));
        }
        return outputs;
    }

    /// Seeds stay within 1..uint.MaxValue, as the API promises.
    internal static uint VariantSeed(uint seed, int index) => (uint)(((ulong)seed - 1 + (ulong)index) % uint.MaxValue + 1);

    static RenderMode ModeOf(string generationType) => generationType switch
    {
        GenerationTypes.FirstFrame => RenderMode.FirstFrame,
        GenerationTypes.FirstLast => RenderMode.FirstLast,
        GenerationTypes.Reference => RenderMode.Reference,
        _ => RenderMode.Text,
    };

    /// Calls back synchronously: Progress<T> would post to the thread pool and reorder reports.
    sealed class Progress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
