using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Billing;
using Reelgate.Server.Data;
using Reelgate.Server.Webhooks;

namespace Reelgate.Server.Tasks.Lifecycle;

/// Every state change of a task, in one place. The states and the transitions between them:
///
///     queued ──claim──▶ in_progress ──complete──▶ completed
///       │                │ ▲  beat (progress, lease)
///       │                ├─fail / give up──▶ failed
///       │                └─requeue (graceful shutdown)──▶ queued
///       ├──────cancel────┼──────────▶ cancelled
///       └──────expire────┴──────────▶ cancelled (deadline_exceeded: its Cancel-After passed)
///     completed | failed | cancelled ──remove──▶ (row and files gone)
///
/// Invariants this file keeps:
/// - Each transition is a compare-and-swap on the old state: the worker's on `in_progress` and its
///   own lease (TaskLease), the client's on the status it read. One row updated means the caller won.
/// - Every end (complete, fail, give up, cancel, expire) writes the same column list (End), so no end leaves
///   progress, ETA or the lease behind; in the end's own transaction come the settlement (settle on
///   success, refund otherwise: Billing.Settlement) and the webhook outbox row, so both happen
///   exactly once and only if the end commits.
/// - A requeue at shutdown does not count the attempt; a claim counts one (Claim).
internal sealed class TaskLifecycle(Outbox outbox, Waiting.TaskEnded ended, TimeProvider clock)
{
    /// The claim's SET clause; TaskClaimer adds the WHERE that picks the task (fair queue, expired
    /// lease) and re-checks the account's running count in the same statement.
    public const string Claim = """
        UPDATE tasks SET status = 'in_progress', lease_owner = @worker, lease_expires_at = @until,
               attempts = attempts + 1, started_at = COALESCE(started_at, @now)
        """;

    /// Progress and a renewed lease while the worker holds the task. False when it no longer does
    /// (cancelled, or taken over after the lease expired): the render must stop.
    public static async Task<bool> BeatAsync(ReelgateDb db, TaskLease lease, int progress, int? etaSeconds, long leaseUntil, CancellationToken ct) =>
        await lease.Mine(db).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Progress, progress)
            .SetProperty(t => t.EtaSeconds, etaSeconds)
            .SetProperty(t => t.LeaseExpiresAt, leaseUntil), ct) == 1;

    /// The outputs are stored; the task completes and is charged for what was delivered.
    public Task<bool> CompleteAsync(ReelgateDb db, TaskLease lease, Delivery d, CancellationToken ct) =>
        EndAsync(db, lease.TaskId, lease.Mine(db), new End(TaskStatuses.Completed, null, null, d.Provider, d.OutputsJson, d.OutputBytes, d.RetentionHours, d.Delivered, d.Requested)
        {
            Renditions = d.Renditions, Downgrade = d.Downgrade, Charge = d.Charge,
        }, ct);

    /// The render or the upstream failed; the hold is refunded. `details` is JSON shown as `error.details`.
    public Task<bool> FailAsync(ReelgateDb db, TaskLease lease, string? provider, string code, string message, CancellationToken ct, string? details = null) =>
        EndAsync(db, lease.TaskId, lease.Mine(db), new End(TaskStatuses.Failed, code, message, provider) { ErrorDetails = details }, ct);

    /// A task claimed more than `maxAttempts` times (it keeps killing its worker) fails for good.
    public Task<bool> GiveUpAsync(ReelgateDb db, TaskLease lease, int maxAttempts, CancellationToken ct) =>
        EndAsync(db, lease.TaskId, lease.Mine(db), new End(TaskStatuses.Failed, "too_many_attempts",
            $"The task was started {maxAttempts} times without finishing."), ct);

    /// The client cancels a queued or running task (the status it read: a CAS on it).
    public Task<bool> CancelAsync(ReelgateDb db, string taskId, string fromStatus, CancellationToken ct) =>
        EndAsync(db, taskId, db.Tasks.Where(t => t.Id == taskId && t.Status == fromStatus && (t.Status == TaskStatuses.Queued || t.Status == TaskStatuses.InProgress)),
            new End(TaskStatuses.Cancelled, "cancelled", "The task was cancelled by the client."), ct);

    /// A queued or running task whose Cancel-After deadline has passed is cancelled and refunded like
    /// a client's cancel. The CAS is on "not finished and overdue", so it can never end a task that
    /// finished first, nor one whose deadline is still ahead. The caller stops a render it runs itself.
    public Task<bool> ExpireAsync(ReelgateDb db, string taskId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return EndAsync(db, taskId, db.Tasks.Where(t => t.Id == taskId && t.DeadlineAt <= now && (t.Status == TaskStatuses.Queued || t.Status == TaskStatuses.InProgress)),
            new End(TaskStatuses.Cancelled, DeadlineExceeded, "The task did not finish before its Cancel-After deadline."), ct);
    }

    public const string DeadlineExceeded = "deadline_exceeded";

    /// Graceful shutdown: the task goes back to the queue and the attempt is not counted.
    public static async Task<bool> RequeueAsync(ReelgateDb db, TaskLease lease, CancellationToken ct) =>
        await lease.Mine(db).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, TaskStatuses.Queued)
            .SetProperty(t => t.Progress, 0)
            .SetProperty(t => t.EtaSeconds, (int?)null)
            .SetProperty(t => t.Attempts, t => t.Attempts - 1)
            .SetProperty(t => t.LeaseOwner, (string?)null)
            .SetProperty(t => t.LeaseExpiresAt, (long?)null), ct) == 1;

    /// Deletes a finished task's row (its files are the caller's to delete after the commit) and
    /// gives its storage back to the account. False when the task changed meanwhile.
    public static async Task<bool> RemoveAsync(ReelgateDb db, VideoTask read, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Tasks.Where(t => t.Id == read.Id && t.Status == read.Status).ExecuteDeleteAsync(ct) == 0) return false;
        if (read.OutputBytes > 0) await StorageUse.AddAsync(db, read.AccountId, -read.OutputBytes, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// The one way a task ends: the same columns for every final state, then its settlement and its
    /// webhook rows, all in one transaction.
    async Task<bool> EndAsync(ReelgateDb db, string taskId, IQueryable<VideoTask> from, End end, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long? expires = end.RetentionHours is { } hours ? now + (long)(hours * 3_600_000) : null;
        var done = end.Status == TaskStatuses.Completed;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var won = await from.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, end.Status)
            .SetProperty(t => t.Provider, t => end.Provider ?? t.Provider)
            .SetProperty(t => t.Progress, done ? 100 : 0)
            .SetProperty(t => t.EtaSeconds, done ? 0 : null)
            .SetProperty(t => t.OutputsJson, end.OutputsJson)
            .SetProperty(t => t.ErrorCode, end.ErrorCode)
            .SetProperty(t => t.ErrorMessage, end.ErrorMessage)
            .SetProperty(t => t.ErrorDetails, end.ErrorDetails)
            .SetProperty(t => t.Downgrade, end.Downgrade)
            .SetProperty(t => t.CompletedAt, now)
            .SetProperty(t => t.ExpiresAt, expires)
            .SetProperty(t => t.OutputBytes, end.OutputBytes)
            .SetProperty(t => t.LeaseOwner, (string?)null)
            .SetProperty(t => t.LeaseExpiresAt, (long?)null), ct) == 1;
        if (!won) return false;
        if (end.Renditions is { } renditions) await renditions.WriteAsync(db, taskId, ct);
        await Settlement.ApplyAsync(db, taskId, end.Status, end.ErrorCode, end.OutputBytes, now, ct, end.Delivered, end.Requested, end.Renditions?.Refund ?? 0, end.Charge);
        await outbox.TaskEndedAsync(db, taskId, now, ct);
        await tx.CommitAsync(ct);
        outbox.Pulse();
        ended.Pulse();
        return true;
    }

    sealed record End(
        string Status, string? ErrorCode, string? ErrorMessage, string? Provider = null, string? OutputsJson = null,
        long OutputBytes = 0, double? RetentionHours = null, int Delivered = 0, int Requested = 0)
    {
        /// The renditions asked at create, written with the completion (their failed share refunded).
        public Renditions.RenditionBatch? Renditions { get; init; }
        public string? ErrorDetails { get; init; }
        public string? Downgrade { get; init; }
        public DeliveredCharge? Charge { get; init; }
    }
}

/// What a completed render delivered: the outputs as stored, their bytes, how many of the videos
/// asked for (the rest of the hold is refunded), and how long they stay downloadable. An accepted
/// downgrade (Tasks/Checks/OutputVerifier) adds its JSON {asked, delivered} and what it is charged.
internal sealed record Delivery(string Provider, string OutputsJson, long OutputBytes, int Delivered, int Requested, double RetentionHours)
{
    /// The renditions asked at create, with their final states (Renditions/CreateTimeRenditions).
    public Renditions.RenditionBatch? Renditions { get; init; }
    public string? Downgrade { get; init; }
    public DeliveredCharge? Charge { get; init; }
}

/// A worker's hold on a running task: every worker-side transition matches it.
internal sealed record TaskLease(string TaskId, string WorkerId)
{
    public IQueryable<VideoTask> Mine(ReelgateDb db) =>
        db.Tasks.Where(t => t.Id == TaskId && t.Status == TaskStatuses.InProgress && t.LeaseOwner == WorkerId);
}
