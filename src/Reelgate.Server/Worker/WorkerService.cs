using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Lifecycle;

namespace Reelgate.Server.Worker;

/// The in-process worker: up to Worker:Concurrency renders at once, each claimed from the
/// database. At shutdown, running renders are stopped and their tasks go back to the queue.
internal sealed class WorkerService(
    IDbContextFactory<ReelgateDb> dbs, TaskLifecycle lifecycle, FairQueue queue, TaskRunner runner, WorkerSignal signal, IOptions<WorkerOptions> options, Metrics.ServerMetrics metrics,
    TimeProvider clock, ILogger<WorkerService> log) : BackgroundService
{
    public string WorkerId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var o = options.Value;
        using var slots = new SemaphoreSlim(o.Concurrency);
        var active = new List<Task>();
        log.LogInformation("worker {Worker} started with {Concurrency} render slot(s)", WorkerId, o.Concurrency);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await slots.WaitAsync(stopping);
                VideoTask? task = null;
                try { task = await ClaimAsync(stopping); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "claim failed; retrying after the poll interval"); }
                if (task is null)
                {
                    slots.Release();
                    await signal.WaitAsync(TimeSpan.FromSeconds(o.PollSeconds), stopping);
                    continue;
                }
                active.RemoveAll(t => t.IsCompleted);
                active.Add(Task.Run(async () =>
                {
                    try { await runner.RunAsync(task, WorkerId, stopping); }
                    catch (Exception e) { log.LogError(e, "task {TaskId} escaped its runner", task.Id); }
                    finally { slots.Release(); }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        await Task.WhenAll(active);
    }

    /// One claim and one render, awaited: for tests that drive the worker by hand.
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var task = await ClaimAsync(ct);
        if (task is null) return false;
        await runner.RunAsync(task, WorkerId, ct);
        return true;
    }

    async Task<VideoTask?> ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var task = await TaskClaimer.ClaimAsync(db, queue, WorkerId, options.Value, clock, ct);
        if (task is not null) metrics.Claimed(task.Attempts);
        if (task is null || task.Attempts <= options.Value.MaxAttempts) return task;
        // Claimed once more than allowed: it keeps killing its worker, so it fails for good.
        await lifecycle.GiveUpAsync(db, new TaskLease(task.Id, WorkerId), options.Value.MaxAttempts, ct);
        log.LogWarning("task {TaskId} failed after {Attempts} attempts", task.Id, task.Attempts - 1);
        return null;
    }
}
