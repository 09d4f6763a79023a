using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Worker;

/// While a task runs, writes its progress and renews its lease; when a write finds the task no
/// longer ours (cancelled, or taken over after a lease expiry) it cancels the render.
internal sealed class Heartbeat(IDbContextFactory<ReelgateDb> dbs, Webhooks.Outbox outbox, string taskId, string workerId, WorkerOptions options, TimeProvider clock, CancellationTokenSource render)
{
    readonly CancellationTokenSource stop = new();
    readonly long startedAt = clock.GetTimestamp();
    double fraction;

    public bool Lost { get; private set; }

    public void Report(double value) => Volatile.Write(ref fraction, Math.Clamp(value, 0, 1));

    public async Task RunAsync()
    {
        var period = TimeSpan.FromSeconds(Math.Min(options.HeartbeatSeconds, options.LeaseSeconds / 3));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(period, clock, stop.Token);
                if (!await BeatAsync())
                {
                    Lost = true;
                    render.Cancel();
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    async Task<bool> BeatAsync()
    {
        var f = Volatile.Read(ref fraction);
        var progress = (int)Math.Floor(f * 95);
        var elapsed = clock.GetElapsedTime(startedAt).TotalSeconds;
        int? eta = f > 0.02 ? (int)Math.Ceiling(elapsed * (1 - f) / f) : null;
        var until = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)(options.LeaseSeconds * 1000);
        try
        {
            await using var db = await dbs.CreateDbContextAsync();
            return await Mine(db).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Progress, progress)
                .SetProperty(t => t.EtaSeconds, eta)
                .SetProperty(t => t.LeaseExpiresAt, until)) == 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A missed beat is not a lost task: the lease outlives several beats.
            return true;
        }
    }

    /// The final compare-and-swap: true when this worker still held the task and ended it.
    /// The status change, the settle or refund, the storage count and the webhook rows commit together.
    public async Task<bool> FinishAsync(string status, string? outputsJson, string? errorCode, string? errorMessage, double retentionHours, string provider, long outputBytes = 0, int delivered = 0, int requested = 0)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long? expires = status == TaskStatuses.Completed ? now + (long)(retentionHours * 3_600_000) : null;
        await using var db = await dbs.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var won = await Mine(db).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, status)
            .SetProperty(t => t.Provider, provider)
            .SetProperty(t => t.Progress, status == TaskStatuses.Completed ? 100 : 0)
            .SetProperty(t => t.EtaSeconds, status == TaskStatuses.Completed ? 0 : null)
            .SetProperty(t => t.OutputsJson, outputsJson)
            .SetProperty(t => t.ErrorCode, errorCode)
            .SetProperty(t => t.ErrorMessage, errorMessage)
            .SetProperty(t => t.CompletedAt, now)
            .SetProperty(t => t.ExpiresAt, expires)
            .SetProperty(t => t.OutputBytes, outputBytes)
            .SetProperty(t => t.LeaseOwner, (string?)null)
            .SetProperty(t => t.LeaseExpiresAt, (long?)null)) == 1;
        if (!won) return false;
        await Billing.Settlement.ApplyAsync(db, taskId, status, errorCode, outputBytes, now, CancellationToken.None, delivered, requested);
        await outbox.TaskEndedAsync(db, taskId, now, CancellationToken.None);
        await tx.CommitAsync();
        outbox.Pulse();
        return true;
    }

    public async Task ReturnToQueueAsync()
    {
        await using var db = await dbs.CreateDbContextAsync();
        await Mine(db).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, TaskStatuses.Queued)
            .SetProperty(t => t.Progress, 0)
            .SetProperty(t => t.EtaSeconds, (int?)null)
            .SetProperty(t => t.Attempts, t => t.Attempts - 1)
            .SetProperty(t => t.LeaseOwner, (string?)null)
            .SetProperty(t => t.LeaseExpiresAt, (long?)null));
    }

    public async Task StopAsync(Task beating)
    {
        stop.Cancel();
        await beating;
        stop.Dispose();
    }

    IQueryable<VideoTask> Mine(ReelgateDb db) =>
        db.Tasks.Where(t => t.Id == taskId && t.Status == TaskStatuses.InProgress && t.LeaseOwner == workerId);
}
