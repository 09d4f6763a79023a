using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Worker;

/// Takes one task: a running one whose worker stopped renewing its lease (it already counts
/// against its account's limit), else the next queued one in FairQueue's order. Taking it is a
/// compare-and-swap that also re-checks the account's concurrent-render limit; one row updated
/// means this worker won.
internal static class TaskClaimer
{
    const string Take = Tasks.Lifecycle.TaskLifecycle.Claim;

    public static async Task<VideoTask?> ClaimAsync(ReelgateDb db, FairQueue queue, string workerId, WorkerOptions options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)(options.LeaseSeconds * 1000);
        var postgres = db.Database.IsNpgsql();
        if (await ReclaimExpiredAsync(db, postgres, workerId, now, until, ct) is { } reclaimed) return reclaimed;

        var candidates = new List<(string Account, string Task, long Max)>();
        await using (var cmd = await Sql.CommandAsync(db, queue.CandidatesSql))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) candidates.Add((r.GetString(0), r.GetString(1), Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)));

        foreach (var (account, taskId, max) in candidates)
        {
            string? won;
            if (postgres)
            {
                // Claims of one account queue on its row lock, so the running count each one checks
                // includes every claim committed before it; other accounts' claims run in parallel.
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await Sql.ExecuteAsync(db, ct, "SELECT id FROM accounts WHERE id = @account FOR UPDATE", ("account", account));
                won = await ScalarAsync(db, ct, $"""
                    WITH picked AS (SELECT id FROM tasks WHERE account_id = @account AND status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
                    {Take} FROM picked WHERE tasks.id = picked.id AND {FairQueue.UnderLimit}
                    RETURNING tasks.id
                    """, ("account", account), ("max", max), ("worker", workerId), ("until", until), ("now", now));
                await tx.CommitAsync(ct);
            }
            else
            {
                // One SQLite statement runs under the database's write lock: check and take are atomic.
                won = await ScalarAsync(db, ct, $"""
                    {Take} WHERE id = @task AND status = 'queued' AND {FairQueue.UnderLimit}
                    RETURNING id
                    """, ("task", taskId), ("account", account), ("max", max), ("worker", workerId), ("until", until), ("now", now));
            }
            if (won is not null) return await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == won, ct);
        }
        return null;
    }

    static async Task<VideoTask?> ReclaimExpiredAsync(ReelgateDb db, bool postgres, string workerId, long now, long until, CancellationToken ct)
    {
        var pick = postgres
            ? "SELECT id FROM tasks WHERE status = 'in_progress' AND lease_expires_at < @now ORDER BY lease_expires_at FOR UPDATE SKIP LOCKED LIMIT 1"
            : "SELECT id FROM tasks WHERE status = 'in_progress' AND lease_expires_at < @now ORDER BY lease_expires_at LIMIT 1";
        // The re-check of the lease makes the SQLite form a compare-and-swap as well.
        var id = await ScalarAsync(db, ct, $"""
            {Take} WHERE id = ({pick}) AND status = 'in_progress' AND lease_expires_at < @now
            RETURNING id
            """, ("worker", workerId), ("until", until), ("now", now));
        return id is null ? null : await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id, ct);
    }

    static async Task<string?> ScalarAsync(ReelgateDb db, CancellationToken ct, string sql, params (string, object?)[] parameters)
    {
        await using var cmd = await Sql.CommandAsync(db, sql, parameters);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
