using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;

namespace Reelgate.Server.Tasks.Waiting;

/// Lets a request wait for a task to end (`Prefer: wait`, AceData's synchronous answer) without
/// holding a thread or a database connection: a waiter is a TaskCompletionSource in a dictionary;
/// one loop asks the database, for all waited ids in one query, which of them have ended — every
/// poll interval, and at once when this process ended a task (TaskEnded). The task may end in any
/// worker process: the database is the truth, the doorbell only makes the local case quick.
internal sealed class TaskWaits(IDbContextFactory<ReelgateDb> dbs, TaskEnded taskEnded, TimeProvider clock, ILogger<TaskWaits> log) : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    const int Chunk = 500;
    readonly ConcurrentDictionary<string, Waited> waiting = new();
    readonly Lock gate = new();
    readonly Waiters added = new();

    /// True when the task ended within `max`; false when the wait ran out (or the client left).
    /// Never throws for a disconnect: the caller answers (or not) as it sees fit.
    public async Task<bool> UntilEndedAsync(string taskId, TimeSpan max, CancellationToken ct)
    {
        Waited entry;
        lock (gate)
        {
            entry = waiting.GetOrAdd(taskId, _ => new Waited());
            entry.Waiters++;
        }
        added.Pulse();
        try
        {
            await entry.Ended.Task.WaitAsync(max < TimeSpan.Zero ? TimeSpan.Zero : max, clock, ct);
            return true;
        }
        catch (TimeoutException) { return false; }
        catch (OperationCanceledException) { return false; }
        finally
        {
            // The last waiter to give up takes the id out, so a task that stays queued for hours
            // is not polled for hours after everyone stopped waiting for it.
            lock (gate)
                if (--entry.Waiters == 0) waiting.TryRemove(KeyValuePair.Create(taskId, entry));
        }
    }

    /// How many ids are being waited for (a gauge for tests and /metrics).
    public int Count => waiting.Count;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            if (waiting.IsEmpty) { await added.WaitAsync(Timeout.InfiniteTimeSpan, stopping); continue; }
            try { await CheckAsync(stopping); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "checking waited-for tasks failed; trying again"); }
            await taskEnded.WaitAsync(Poll, stopping);
        }
    }

    async Task CheckAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var chunk in waiting.Keys.Chunk(Chunk))
        {
            var live = await db.Tasks.AsNoTracking().Where(t => chunk.Contains(t.Id)).Select(t => new { t.Id, t.Status }).ToListAsync(ct);
            // A task deleted while waited for also ends the wait: the waiter reads it and finds nothing.
            var ended = live.Where(t => TaskStatuses.IsFinished(t.Status)).Select(t => t.Id).Concat(chunk.Except(live.Select(t => t.Id)));
            foreach (var id in ended)
                if (waiting.TryRemove(id, out var entry)) entry.Ended.TrySetResult();
        }
    }

    sealed class Waited
    {
        public readonly TaskCompletionSource Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Waiters; // changed under `gate` only
    }

    sealed class Waiters : Doorbell;
}

/// Rung by TaskLifecycle after a task ended in this process.
internal sealed class TaskEnded : Doorbell;
