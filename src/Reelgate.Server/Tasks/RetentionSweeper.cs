using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Tasks;

/// Deletes the media of tasks whose `expires_at` has passed. The task row stays (its history and
/// metadata remain listable); its content answers 410 `content_expired` from then on.
internal sealed class RetentionSweeper(
    IDbContextFactory<ReelgateDb> dbs, IBlobStore blobs, Microsoft.Extensions.Options.IOptions<StorageOptions> options, Webhooks.WebhooksOptions webhooks, TimeProvider clock, ILogger<RetentionSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try { await RunOnceAsync(stopping); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "retention sweep failed"); }
            await Task.Delay(TimeSpan.FromSeconds(options.Value.RetentionSweepSeconds), clock, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var expired = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == TaskStatuses.Completed && t.ExpiresAt < now && t.OutputsJson != null)
            .OrderBy(t => t.ExpiresAt).Select(t => new { t.Id, t.AccountId, t.OutputBytes }).Take(500).ToListAsync(ct);
        foreach (var (id, account, bytes) in expired.Select(t => (t.Id, t.AccountId, t.OutputBytes)))
        {
            // Clear first: a reader then sees "expired" rather than a link to a half-deleted file.
            // The account's storage total drops in the same transaction.
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                var cleared = await db.Tasks.Where(t => t.Id == id && t.OutputsJson != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.OutputsJson, (string?)null).SetProperty(t => t.OutputBytes, 0L), ct);
                if (cleared == 0) continue;
                await Billing.StorageUse.AddAsync(db, account, -bytes, ct);
                await Renditions.RenditionRows.ForgetAsync(db, id, ct);
                await tx.CommitAsync(ct);
            }
            await blobs.DeletePrefixAsync($"videos/{id}/", ct);
        }
        await Idempotency.IdempotencyStore.SweepAsync(db, now, ct);
        await Webhooks.DeliveryLog.SweepAsync(db, now - webhooks.KeepDays * 86_400_000L, ct);
        if (expired.Count > 0) log.LogInformation("retention: removed the media of {Count} expired task(s)", expired.Count);
        return expired.Count;
    }
}
