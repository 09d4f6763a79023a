namespace Reelgate.Server.Media.Renditions;

/// One rendition to make from a master file.
internal sealed record RenditionJob(RenditionSpec Spec, string FpsMode, string OutputPath);

/// What came of one rendition: the probed file, or the code and message of its failure (a failed
/// rendition fails only itself).
internal sealed record RenditionResult(RenditionJob Job, bool Upscaled, MediaInfo? Info, string? Profile, string? ErrorCode, string? ErrorMessage)
{
    public bool Ok => ErrorCode is null;
}

/// Encodes renditions of one master. Foundation version: one FFmpeg process per rendition, run one
/// after another; the media work (argument building, presets, parallelism, measurement) refines it.
internal sealed class RenditionRenderer(FfmpegRunner ffmpeg, MediaProbe probe)
{
    public async Task<IReadOnlyList<RenditionResult>> RenderAsync(
        string master, MediaInfo masterInfo, IReadOnlyList<RenditionJob> jobs, TimeSpan timeout, CancellationToken ct)
    {
        var results = new List<RenditionResult>();
        foreach (var job in jobs)
        {
            var upscaled = job.Spec.IsUpscale(masterInfo.Width, masterInfo.Height);
            try
            {
                await ffmpeg.RenderAsync(RenditionArgs.For(master, masterInfo, job), masterInfo.DurationSeconds, null, timeout, ct);
                var info = await probe.ProbeVideoAsync(job.OutputPath, ct);
                results.Add(new RenditionResult(job, upscaled, info, null, null, null));
            }
            catch (FfmpegException e) when (!ct.IsCancellationRequested)
            {
                results.Add(new RenditionResult(job, upscaled, null, null, e.TimedOut ? "rendition_timeout" : "rendition_failed", e.Message));
            }
        }
        return results;
    }
}
