using Reelgate.Server.Media;

namespace Reelgate.Server.Providers.Veo;

/// Veo returns no poster: the first frame of each downloaded video becomes its JPEG.
internal static class VeoPoster
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<RenderedOutput> FinishAsync(FfmpegRunner ffmpeg, ProviderJob job, int index, string video, CancellationToken ct)
    {
        if (new FileInfo(video).Length == 0)
            throw new ProviderException("upstream_error", $"Result {index} arrived empty.");
        var poster = Path.Combine(job.WorkDir, $"{index}.jpg");
        try
        {
            await ffmpeg.RunFfmpegAsync(["-v", "error", "-i", video, "-frames:v", "1", "-q:v", "3", "-y", poster], Limit, ct);
        }
        catch (FfmpegException e) when (!ct.IsCancellationRequested)
        {
            throw new ProviderException("upstream_error", $"Result {index} is not a readable video: {e.Message}", e);
        }
        return new RenderedOutput(index, job.Request.Seed, video, poster);
    }
}
