using System.Diagnostics;
using Reelgate.Server.Providers.Local;

namespace Reelgate.Server.Media.Renditions;

/// One rendition to make from a master file.
internal sealed record RenditionJob(RenditionSpec Spec, string FpsMode, string OutputPath);

/// What came of one rendition: the probed file, or the code and message of its failure (a failed
/// rendition fails only itself).
internal sealed record RenditionResult(RenditionJob Job, bool Upscaled, MediaInfo? Info, string? Profile, string? ErrorCode, string? ErrorMessage)
{
    public bool Ok => ErrorCode is null;
}

/// Encodes renditions of one master: all of them in one FFmpeg process (the master decoded once,
/// `split` into each rendition's chain), then each output probed. When that process fails, each
/// rendition runs again alone in what is left of the time limit, so a rendition that cannot be made
/// (an encoder refusing its settings, a full disk) fails only itself. A timeout of the shared
/// process is not retried: every rendition in it ran out of time together.
internal sealed class RenditionRenderer(FfmpegRunner ffmpeg, MediaProbe probe, IReadOnlyDictionary<string, string>? presets = null)
{
    readonly IReadOnlyDictionary<string, string> _presets = presets ?? RenditionPresets.Defaults;

    /// <paramref name="timeout"/> bounds the whole call; <paramref name="progress"/> gets the
    /// fraction (0–1) of the master's duration encoded so far.
    public async Task<IReadOnlyList<RenditionResult>> RenderAsync(
        string master, MediaInfo masterInfo, IReadOnlyList<RenditionJob> jobs, TimeSpan timeout, CancellationToken ct,
        IProgress<double>? progress = null)
    {
        if (jobs.Count == 0)
            return [];
        var clock = Stopwatch.StartNew();
        FfmpegException? shared = null;
        try
        {
            await EncodeAsync(RenditionArgs.Together(master, masterInfo, jobs, _presets), masterInfo, progress, timeout, ct);
        }
        catch (FfmpegException e) when (!ct.IsCancellationRequested)
        {
            shared = e;
        }

        var results = new List<RenditionResult>(jobs.Count);
        foreach (var job in jobs)
        {
            if (shared is null)
                results.Add(await ProbeAsync(job, masterInfo, ct));
            else if (shared.TimedOut || jobs.Count == 1)
                results.Add(Failed(job, masterInfo, shared));
            else
                results.Add(await AloneAsync(master, masterInfo, job, timeout - clock.Elapsed, ct));
        }
        return results;
    }

    async Task<RenditionResult> AloneAsync(string master, MediaInfo masterInfo, RenditionJob job, TimeSpan left, CancellationToken ct)
    {
        try
        {
            if (left <= TimeSpan.Zero)
                throw FfmpegException.Timeout("ffmpeg", TimeSpan.Zero, "");
            await EncodeAsync(RenditionArgs.For(master, masterInfo, job, _presets), masterInfo, null, left, ct);
        }
        catch (FfmpegException e) when (!ct.IsCancellationRequested)
        {
            return Failed(job, masterInfo, e);
        }
        return await ProbeAsync(job, masterInfo, ct);
    }

    Task EncodeAsync(IReadOnlyList<string> args, MediaInfo masterInfo, IProgress<double>? progress, TimeSpan timeout, CancellationToken ct) =>
        ffmpeg.RenderAsync(args, masterInfo.DurationSeconds,
            progress is null ? null : new FractionProgress(progress), timeout, ct);

    async Task<RenditionResult> ProbeAsync(RenditionJob job, MediaInfo masterInfo, CancellationToken ct)
    {
        var upscaled = job.Spec.IsUpscale(masterInfo.Width, masterInfo.Height);
        try
        {
            var info = await probe.ProbeVideoAsync(job.OutputPath, ct);
            return new RenditionResult(job, upscaled, info, info.VideoProfile, null, null);
        }
        catch (Exception e) when (e is FfmpegException or InvalidDataException or FileNotFoundException && !ct.IsCancellationRequested)
        {
            return Failed(job, masterInfo, e);
        }
    }

    /// The partial file of a failed rendition is removed: nothing may serve or package it.
    static RenditionResult Failed(RenditionJob job, MediaInfo masterInfo, Exception e)
    {
        if (File.Exists(job.OutputPath))
            File.Delete(job.OutputPath);
        var code = e is FfmpegException { TimedOut: true } ? "rendition_timeout" : "rendition_failed";
        return new RenditionResult(job, job.Spec.IsUpscale(masterInfo.Width, masterInfo.Height), null, null, code, e.Message);
    }
}

/// Passes FFmpeg's progress on as a bare fraction, on the reading thread (in order).
sealed file class FractionProgress(IProgress<double> target) : IProgress<RenderProgress>
{
    public void Report(RenderProgress value) => target.Report(value.Fraction);
}
