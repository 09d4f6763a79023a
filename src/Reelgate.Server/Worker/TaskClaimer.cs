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
}
