using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Lifecycle;

namespace Reelgate.Server.Worker;

/// Runs one claimed task: render, probe, store, then one compare-and-swap to `completed`. Outputs
/// go under a key of their own attempt, so a late duplicate attempt can never overwrite the
/// winner's files and a loser removes only what it wrote itself.
internal sealed class TaskRunner(
    IDbContextFactory<ReelgateDb> dbs, TaskLifecycle lifecycle, IBlobStore blobs, IVideoProvider provider, Providers.Routing.ProviderRegistry registry, RemoteRun remote, UpscaleRun upscale, Renditions.CreateTimeRenditions renditions, Tasks.Sequels.SequelRun sequels, MediaProbe probe, RunningRenders running, Previews.PreviewMaker previews, Tasks.Checks.OutputVerifier verifier,
    IOptions<WorkerOptions> workerOptions, IOptions<StorageOptions> storage, Metrics.ServerMetrics metrics, TimeProvider clock, ILogger<TaskRunner> log)
{
    public async Task RunAsync(VideoTask task, string workerId, CancellationToken stopping)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var timeout = TimeSpan.FromSeconds(workerOptions.Value.RenderTimeoutSeconds);
        var servedBy = task.Provider;
        running.Add(task.Id, cts);
        var lease = new TaskLease(task.Id, workerId);
        var heartbeat = new Heartbeat(dbs, lease, workerOptions.Value, clock, cts);
        var beating = heartbeat.RunAsync();
        var workDir = Path.Combine(storage.Value.ScratchRoot, workerId, $"{task.Id}-a{task.Attempts}");
        var prefix = $"videos/{task.Id}/a{task.Attempts}/";
        log.LogInformation("task {TaskId} started by {Worker} in attempt {Attempt}", task.Id, workerId, task.Attempts);
        try
        {
            Directory.CreateDirectory(workDir);
            var request = JsonSerializer.Deserialize<GenerationRequest>(task.RequestJson, Json.Wire)!;
            var images = await DownloadImagesAsync(request, workDir, cts.Token);
            await sequels.FetchParentAsync(task, request, workDir, cts.Token);
            var renderStart = clock.GetTimestamp();
            var job = new ProviderJob(task.Id, request, images, workDir);
            // Sandbox keys always get the local engine; remote tasks are bounded by Providers:DeadlineMinutes instead.
            var plan = Providers.Routing.Router.Plan(request, task.Sandbox ? [] : registry.CandidatesFor(request.Model));
            IReadOnlyList<RenderedOutput> rendered;
            var filtered = 0; // videos an upstream's content filter removed: fewer than asked is then no mismatch
            if (request.UpscaledFrom is not null)
            {
                cts.CancelAfter(timeout);
                servedBy = Tasks.Upscales.Provider;
                rendered = await upscale.RunAsync(task, job, timeout, heartbeat.Report, cts.Token);
            }
            else if (task.UpstreamOperation is null && plan.Local)
            {
                cts.CancelAfter(timeout);
                servedBy = provider.Name;
                rendered = Tasks.Sequels.SequelTypes.SourceOf(request) is null ? await provider.GenerateAsync(job, heartbeat.Report, cts.Token)
                    : await sequels.RenderLocalAsync(job, timeout, heartbeat.Report, cts.Token);
            }
            else
            {
                if (task.UpstreamOperation is null && plan.Refusal is { } refusal)
                    throw new ProviderException(refusal.Code, refusal.Message);
                (rendered, servedBy, filtered) = await remote.RunAsync(task, job, plan.Ordered, workerId, heartbeat.Report, cts.Token);
            }
            metrics.Renders.Observe(clock.GetElapsedTime(renderStart));
            var outputs = new List<TaskOutput>();
            foreach (var r in rendered)
                outputs.Add(await StoreAsync(r, prefix, cts.Token));
            // Checked before renditions are made from it: a master that is not what was asked fails here.
            var verified = verifier.Apply(request, outputs, new Delivery(servedBy, JsonSerializer.Serialize(outputs, Json.Wire), 0, rendered.Count, request.N, storage.Value.RetentionHours), filtered);
            var made = await renditions.RenderAsync(task, request, rendered, outputs, workDir, prefix, timeout, cts.Token);
            var bytes = outputs.Sum(o => o.SizeBytes + (o.Previews?.Bytes ?? 0)) + rendered.Sum(r => new FileInfo(r.ThumbnailPath).Length) + made.Bytes;
            var delivery = verified with { OutputBytes = bytes, Renditions = made };
            bool completed;
            await using (var db = await dbs.CreateDbContextAsync(CancellationToken.None))
                completed = await lifecycle.CompleteAsync(db, lease, delivery, CancellationToken.None);
            if (!completed)
                await blobs.DeletePrefixAsync(prefix, CancellationToken.None);
            else log.LogInformation("task {TaskId} completed by {Worker} in attempt {Attempt}", task.Id, workerId, task.Attempts);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await blobs.DeletePrefixAsync(prefix, CancellationToken.None);
            await using (var db = await dbs.CreateDbContextAsync(CancellationToken.None))
                await TaskLifecycle.RequeueAsync(db, lease, CancellationToken.None);
            log.LogInformation("task {TaskId} returned to the queue at shutdown", task.Id);
        }
        catch (OperationCanceledException) when (heartbeat.Lost)
        {
            await blobs.DeletePrefixAsync(prefix, CancellationToken.None);
            await remote.CancelUpstreamIfCancelledAsync(task.Id);
            log.LogInformation("task {TaskId} stopped: cancelled or taken over", task.Id);
        }
        catch (Exception e)
        {
            await blobs.DeletePrefixAsync(prefix, CancellationToken.None);
            // A cancel through this process stops the render before any heartbeat notices.
            if (e is OperationCanceledException) await remote.CancelUpstreamIfCancelledAsync(task.Id);
            var (code, message) = e switch
            {
                OperationCanceledException => ("render_timeout", $"The render took longer than {timeout.TotalSeconds:0} s."),
                ProviderException p => (p.Code, p.Message),
                _ => ("internal_error", "The render failed unexpectedly; the server log has the details."),
            };
            await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
            // Lost compare-and-swap: the task had already ended (a cancel or deadline stopped this render).
            if (await lifecycle.FailAsync(db, lease, servedBy, code, Clip(message), CancellationToken.None, (e as ProviderException)?.Details))
                log.LogWarning(e, "task {TaskId} failed: {Code}", task.Id, code);
            else log.LogInformation("task {TaskId} stopped: it was cancelled or ended meanwhile", task.Id);
        }
        finally
        {
            running.Remove(task.Id);
            await heartbeat.StopAsync(beating);
            try { Directory.Delete(workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    async Task<IReadOnlyList<string>> DownloadImagesAsync(GenerationRequest request, string workDir, CancellationToken ct)
    {
        if (request.ImageFileIds.Count == 0) return [];
        await using var db = await dbs.CreateDbContextAsync(ct);
        var files = await db.Files.AsNoTracking().Where(f => request.ImageFileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var paths = new List<string>();
        foreach (var (id, i) in request.ImageFileIds.Select((id, i) => (id, i)))
        {
            if (!files.TryGetValue(id, out var file))
                throw new ProviderException("image_missing", $"The input image '{id}' was deleted before the render started.");
            var path = Path.Combine(workDir, $"input-{i}{Path.GetExtension(file.StorageKey)}");
            await blobs.DownloadToFileAsync(file.StorageKey, path, ct);
            paths.Add(path);
        }
        return paths;
    }

    async Task<TaskOutput> StoreAsync(RenderedOutput r, string prefix, CancellationToken ct)
    {
        var info = await probe.ProbeVideoAsync(r.VideoPath, ct);
        string sha;
        await using (var f = File.OpenRead(r.VideoPath))
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct));
        var videoKey = $"{prefix}{r.Index}.mp4";
        var thumbKey = $"{prefix}{r.Index}.jpg";
        await blobs.PutFileAsync(videoKey, r.VideoPath, "video/mp4", ct);
        await blobs.PutFileAsync(thumbKey, r.ThumbnailPath, "image/jpeg", ct);
        return new TaskOutput(r.Index, r.Seed, videoKey, thumbKey, info.DurationSeconds, info.Width, info.Height, info.Fps,
            info.VideoCodec, info.AudioCodec, info.BitRate, info.SizeBytes, sha, await previews.StoreAsync(r.VideoPath, info, $"{prefix}{r.Index}", ct));
    }

    static string Clip(string s) => s.Length > 500 ? s[..500] + "…" : s;
}
