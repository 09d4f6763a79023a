using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Renditions;

/// Makes the renditions asked for after a task completed (worker role). The database is the
/// queue (RenditionQueue); RenditionSignal wakes it early, Worker:PollSeconds is the fallback.
/// One rendition at a time per process: each is FFmpeg work that uses the machine's cores.
internal sealed class RenditionWorker(
    IDbContextFactory<ReelgateDb> dbs, RenditionMaker maker, RenditionSignal signal, IBlobStore blobs, IOptions<WorkerOptions> options,
    IOptions<StorageOptions> storage, TimeProvider clock, ILogger<RenditionWorker> log) : BackgroundService
{
    readonly string workerId = $"rend-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var worked = false;
            try { worked = await RunOnceAsync(stopping); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "rendition pass failed"); }
            if (!worked) await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// Claims and makes one rendition; false when there was nothing to do.
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        RenditionRow? row;
        await using (var db = await dbs.CreateDbContextAsync(ct))
            row = await RenditionQueue.ClaimAsync(db, workerId, now, now + (long)(o.LeaseSeconds * 1000), ct);
        if (row is null) return false;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = RenewAsync(row, cts);
        var workDir = Path.Combine(storage.Value.ScratchRoot, workerId, $"{row.Id}-a{row.Attempts}");
        try
        {
            Directory.CreateDirectory(workDir);
            if (row.Attempts > o.MaxAttempts) maker.Fail(row, "too_many_attempts", $"The rendition was started {o.MaxAttempts} times without finishing.");
            else await MakeAsync(row, workDir, TimeSpan.FromSeconds(o.RenderTimeoutSeconds), cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogInformation("rendition {Id} stopped: its lease was lost", row.Id);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "rendition {Id} failed", row.Id);
            maker.Fail(row, "rendition_failed", "The rendition failed unexpectedly; the server log has the details.");
        }
        finally
        {
            await cts.CancelAsync();
            await renewing;
            try { Directory.Delete(workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        await using (var db = await dbs.CreateDbContextAsync(CancellationToken.None))
            if (!await RenditionQueue.FinishAsync(db, row, clock.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None) && row.StorageKey is { } key)
                await blobs.DeletePrefixAsync(key, CancellationToken.None); // lost the lease, or the task is gone: drop what we stored
        return true;
    }

    async Task MakeAsync(RenditionRow row, string workDir, TimeSpan timeout, CancellationToken ct)
    {
        List<TaskOutput>? outputs;
        List<RenditionRow> siblings;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var json = await db.Tasks.AsNoTracking().Where(t => t.Id == row.TaskId).Select(t => t.OutputsJson).FirstOrDefaultAsync(ct);
            outputs = json is null ? null : JsonSerializer.Deserialize<List<TaskOutput>>(json, Json.Wire);
            siblings = await RenditionRows.OfTaskAsync(db, row.TaskId, ct);
        }
        if (outputs?.FirstOrDefault(x => x.Index == row.OutputIndex) is not { } output)
        {
            maker.Fail(row, "content_expired", "The video's master was deleted before the rendition was made.");
            return;
        }
        if (row.Name != RenditionAsk.HlsName)
        {
            var master = Path.Combine(workDir, "master.mp4");
            await blobs.DownloadToFileAsync(output.VideoKey, master, ct);
            var info = new Media.MediaInfo(output.Duration, output.Width, output.Height, output.Fps, output.VideoCodec, output.AudioCodec, output.Bitrate, output.SizeBytes);
            await maker.LadderAsync(master, info, [row], workDir, $"videos/{row.TaskId}/r/{row.OutputIndex}/", timeout, ct);
            return;
        }
        // The package is made from this output's finished renditions, fetched from the store.
        var ladder = new List<RenditionMaker.Made>();
        foreach (var done in siblings.Where(s => s.OutputIndex == row.OutputIndex && s.Status == RenditionStatuses.Completed && s.Spec is not null && s.StorageKey is not null))
        {
            var path = Path.Combine(workDir, done.Spec!.FileName);
            await blobs.DownloadToFileAsync(done.StorageKey!, path, ct);
            var m = JsonSerializer.Deserialize<RenditionMetadata>(done.MetadataJson!, Json.Wire)!;
            ladder.Add(new RenditionMaker.Made(done.Spec, path, new Media.MediaInfo(m.Duration, m.Width, m.Height, m.Fps, m.VideoCodec, m.AudioCodec, m.Bitrate, m.SizeBytes), m.Profile));
        }
        await maker.HlsAsync(row, ladder, workDir, $"videos/{row.TaskId}/hls/{row.OutputIndex}/", timeout, ct);
    }

    /// Keeps the lease while the rendition is made; a lost lease stops the work.
    async Task RenewAsync(RenditionRow row, CancellationTokenSource cts)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        try
        {
            while (!cts.IsCancellationRequested)
            {
                await Task.Delay(lease / 3, clock, cts.Token);
                await using var db = await dbs.CreateDbContextAsync(cts.Token);
                if (!await RenditionQueue.RenewAsync(db, row, clock.GetUtcNow().Add(lease).ToUnixTimeMilliseconds(), cts.Token))
                {
                    await cts.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
