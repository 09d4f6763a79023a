using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Worker;

/// Takes one task: a queued one, or a running one whose worker stopped renewing its lease. The
/// claim is a compare-and-swap on the row as it was read; one row updated means this worker won.
internal static class TaskClaimer
{
    public static async Task<VideoTask?> ClaimAsync(ReelgateDb db, string workerId, WorkerOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) return await ClaimSkipLockedAsync(db, workerId, options, clock, ct);
        for (var tries = 0; tries < 5; tries++)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var candidate =
                await db.Tasks.AsNoTracking()
                    .Where(t => t.Status == TaskStatuses.InProgress && t.LeaseExpiresAt < now)
                    .OrderBy(t => t.LeaseExpiresAt).Select(t => new { t.Id, t.Status, t.LeaseOwner, t.Attempts }).FirstOrDefaultAsync(ct)
                ?? await db.Tasks.AsNoTracking()
                    .Where(t => t.Status == TaskStatuses.Queued)
                    .OrderBy(t => t.Id).Select(t => new { t.Id, t.Status, t.LeaseOwner, t.Attempts }).FirstOrDefaultAsync(ct);
            if (candidate is null) return null;

            var until = now + (long)(options.LeaseSeconds * 1000);
            var won = await db.Tasks
                .Where(t => t.Id == candidate.Id && t.Status == candidate.Status && t.Attempts == candidate.Attempts && t.LeaseOwner == candidate.LeaseOwner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, TaskStatuses.InProgress)
                    .SetProperty(t => t.LeaseOwner, workerId)
                    .SetProperty(t => t.LeaseExpiresAt, until)
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1)
                    .SetProperty(t => t.StartedAt, t => t.StartedAt ?? now), ct);
            if (won == 0) continue;
            return await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == candidate.Id, ct);
        }
        return null;
    }

    /// PostgreSQL: many workers claim at once without queueing behind each other's row locks.
    /// A row locked by another claimer is skipped; a row it already changed fails the re-check.
    static async Task<VideoTask?> ClaimSkipLockedAsync(ReelgateDb db, string workerId, WorkerOptions options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)(options.LeaseSeconds * 1000);
        foreach (var pick in new[]
        {
            "SELECT id FROM tasks WHERE status = 'in_progress' AND lease_expires_at < @now ORDER BY lease_expires_at FOR UPDATE SKIP LOCKED LIMIT 1",
            "SELECT id FROM tasks WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1",
        })
        {
            var sql = $"""
                WITH picked AS ({pick})
                UPDATE tasks SET status = 'in_progress', lease_owner = @worker, lease_expires_at = @until,
                       attempts = attempts + 1, started_at = COALESCE(started_at, @now)
                FROM picked WHERE tasks.id = picked.id
                RETURNING tasks.id
                """;
            // Plain ADO: EF would wrap the statement in a subquery, where PostgreSQL refuses an UPDATE.
            var conn = db.Database.GetDbConnection();
            if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
            string? id;
            await using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = sql;
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("now", now));
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("until", until));
                cmd.Parameters.Add(new Npgsql.NpgsqlParameter("worker", workerId));
                id = await cmd.ExecuteScalarAsync(ct) as string;
            }
            if (id is not null) return await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id, ct);
        }
        return null;
    }
}
