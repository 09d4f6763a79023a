using Reelgate.Server.Media;

namespace Reelgate.Server.Providers.Veo;

/// Veo returns no poster: the first frame of each downloaded video becomes its JPEG.
internal static class VeoPoster
{
    public static async Task<RenderedOutput> FinishAsync(FfmpegRunner ffmpeg, ProviderJob job, int index, string video, CancellationToken ct)
    {
        if (new FileInfo(video).Length == 0)
            throw new ProviderException("upstream_error", $"Result {index} arrived empty.");
        var poster = Path.Combine(job.WorkDir, $"{index}.jpg");
        try
        {
            await Poster.FirstFrameAsync(ffmpeg, video, poster, ct);
        }
        catch (FfmpegException e) when (!ct.IsCancellationRequested)
        {
            throw new ProviderException("upstream_error", $"Result {index} is not a readable video: {e.Message}", e);
        }
        return new RenderedOutput(index, job.Request.Seed, video, poster);
    }
}
