using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks.Lifecycle;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Tasks.Deadlines;

/// Ends the tasks whose `Cancel-After` deadline has passed (TaskLifecycle.ExpireAsync: cancelled,
/// `deadline_exceeded`, refunded). It runs in every process with the worker role, even one with
/// Worker:Enabled=false — a deadline matters most when nothing renders — and not in api-only
/// processes, which scale with traffic and should only answer requests. Several sweepers are safe:
/// the expiry is a compare-and-swap. A render of an expired task stops the way a client's cancel
/// stops it: at once when it runs in this process (RunningRenders), otherwise at its worker's next
/// heartbeat; either way the worker then cancels the upstream job (RemoteRun.CancelUpstreamIfCancelledAsync).
internal sealed class DeadlineSweeper(
    IDbContextFactory<ReelgateDb> dbs, TaskLifecycle lifecycle, RunningRenders running, IOptions<TasksOptions> options, TimeProvider clock, ILogger<DeadlineSweeper> log) : BackgroundService
{
    const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try { await RunOnceAsync(stopping); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "deadline sweep failed"); }
            await Task.Delay(TimeSpan.FromSeconds(options.Value.DeadlineSweepSeconds), clock, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// Expires the overdue tasks (at most one batch); returns how many this call ended.
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var overdue = await db.Tasks.AsNoTracking()
            .Where(t => t.DeadlineAt <= now && (t.Status == TaskStatuses.Queued || t.Status == TaskStatuses.InProgress))
            .OrderBy(t => t.DeadlineAt).Select(t => t.Id).Take(Batch).ToListAsync(ct);
        var expired = 0;
        foreach (var id in overdue)
        {
            if (!await lifecycle.ExpireAsync(db, id, ct)) continue; // finished (or expired elsewhere) meanwhile
            running.Cancel(id);
            expired++;
        }
        if (expired > 0) log.LogInformation("deadlines: cancelled {Count} task(s) past their Cancel-After", expired);
        return expired;
    }
}
