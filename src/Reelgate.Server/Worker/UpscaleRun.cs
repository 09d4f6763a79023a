using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Worker;

/// Serves an `upscale` task (Tasks/Upscales): fetch the source output from the blob store, scale
/// it with FFmpeg (Media/Upscale) and hand back one output that TaskRunner probes and stores like
/// any render. The source is looked up again here, within the task's own account: it may have
/// been deleted since the create, and it can never be another account's video.
internal sealed class UpscaleRun(IDbContextFactory<ReelgateDb> dbs, IBlobStore blobs, FfmpegRunner ffmpeg)
{
    public async Task<IReadOnlyList<RenderedOutput>> RunAsync(VideoTask task, ProviderJob job, TimeSpan timeout, Action<double> progress, CancellationToken ct)
    {
        var from = job.Request.UpscaledFrom!;
        string? outputsJson;
        await using (var db = await dbs.CreateDbContextAsync(ct))
            outputsJson = await db.Tasks.AsNoTracking()
                .Where(t => t.Id == from.VideoId && t.AccountId == task.AccountId && t.Status == TaskStatuses.Completed)
                .Select(t => t.OutputsJson).FirstOrDefaultAsync(ct);
        var source = outputsJson is null ? null
            : JsonSerializer.Deserialize<List<TaskOutput>>(outputsJson, Json.Wire)!.FirstOrDefault(o => o.Index == from.Index);
        if (source is null)
            throw new ProviderException("source_missing", $"Video '{from.VideoId}' output {from.Index} was deleted before the upscale started.");

        var input = Path.Combine(job.WorkDir, "source.mp4");
        var video = Path.Combine(job.WorkDir, "0.mp4");
        var thumb = Path.Combine(job.WorkDir, "0.jpg");
        await blobs.DownloadToFileAsync(source.VideoKey, input, ct);
        try
        {
            var args = Upscale.Arguments(input, video, job.Request.Width, job.Request.Height);
            await ffmpeg.RenderAsync(args, source.Duration, new Progress(progress), timeout, ct);
            await Poster.FirstFrameAsync(ffmpeg, video, thumb, ct);
        }
        catch (FfmpegException e) when (!ct.IsCancellationRequested)
        {
            throw new ProviderException(e.TimedOut ? "render_timeout" : "render_failed", e.Message, e);
        }
        return [new RenderedOutput(0, source.Seed, video, thumb)];
    }

    sealed class Progress(Action<double> report) : IProgress<Providers.Local.RenderProgress>
    {
        public void Report(Providers.Local.RenderProgress value) => report(value.Fraction);
    }
}
