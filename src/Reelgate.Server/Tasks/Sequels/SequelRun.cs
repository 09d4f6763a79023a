using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Catalog;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Tasks.Sequels;

/// The worker's side of a sequel. It fetches the parent's video into the work folder (the local
/// engine needs it, and so does an upstream that extends from the bytes), looked up again within
/// the task's own account: it may have been deleted since the create. On the local engine an
/// extension renders an image-to-video shot of the added seconds from the parent's last frame and
/// joins the two; a remix renders the parent's length again from its first frame with the new prompt.
internal sealed class SequelRun(IDbContextFactory<ReelgateDb> dbs, IBlobStore blobs, FfmpegRunner ffmpeg, IVideoProvider engine)
{
    static readonly TimeSpan FrameLimit = TimeSpan.FromSeconds(60);

    public static string ParentPath(string workDir) => Path.Combine(workDir, "parent.mp4");

    public async Task FetchParentAsync(VideoTask task, GenerationRequest r, string workDir, CancellationToken ct)
    {
        if (SequelTypes.SourceOf(r) is not { } source) return;
        string? outputsJson;
        await using (var db = await dbs.CreateDbContextAsync(ct))
            outputsJson = await db.Tasks.AsNoTracking()
                .Where(t => t.Id == source.VideoId && t.AccountId == task.AccountId && t.Status == TaskStatuses.Completed)
                .Select(t => t.OutputsJson).FirstOrDefaultAsync(ct);
        var output = outputsJson is null ? null : JsonSerializer.Deserialize<List<TaskOutput>>(outputsJson, Json.Wire)!.FirstOrDefault();
        if (output is null)
            throw new ProviderException("source_missing", $"Video '{source.VideoId}' was deleted before this task started.");
        await blobs.DownloadToFileAsync(output.VideoKey, ParentPath(workDir), ct);
    }

    public async Task<IReadOnlyList<RenderedOutput>> RenderLocalAsync(ProviderJob job, TimeSpan timeout, Action<double> progress, CancellationToken ct)
    {
        var r = job.Request;
        var parent = ParentPath(job.WorkDir);
        var extend = r.ExtendedFrom;
        var frame = Path.Combine(job.WorkDir, "frame.png");
        var shotDir = Path.Combine(job.WorkDir, "shot");
        Directory.CreateDirectory(shotDir);
        try
        {
            await ffmpeg.RunFfmpegAsync(SequelMedia.FrameArguments(parent, frame, last: extend is not null), FrameLimit, ct);
            var shot = r with { Duration = extend?.AddedSeconds ?? r.Duration, GenerationType = GenerationTypes.FirstFrame, ExtendedFrom = null, RemixedFrom = null };
            var rendered = await engine.GenerateAsync(new ProviderJob(job.TaskId, shot, [frame], shotDir), p => progress(p * 0.7), ct);
            if (extend is null) return rendered;
            var video = Path.Combine(job.WorkDir, "0.mp4");
            var thumb = Path.Combine(job.WorkDir, "0.jpg");
            var args = SequelMedia.JoinArguments(parent, rendered[0].VideoPath, video, r.Width, r.Height, r.Fps, r.GenerateAudio);
            await ffmpeg.RenderAsync(args, r.Duration, new Progress(p => progress(0.7 + 0.3 * p)), timeout, ct);
            await Poster.FirstFrameAsync(ffmpeg, video, thumb, ct);
            return [new RenderedOutput(0, r.Seed, video, thumb)];
        }
        catch (FfmpegException e) when (!ct.IsCancellationRequested)
        {
            throw new ProviderException(e.TimedOut ? "render_timeout" : "render_failed", e.Message, e);
        }
    }

    sealed class Progress(Action<double> report) : IProgress<Providers.Local.RenderProgress>
    {
        public void Report(Providers.Local.RenderProgress value) => report(value.Fraction);
    }
}
