using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Billing;
using Reelgate.Server.Data;

namespace Reelgate.Server.Renditions;

/// The `renditions` table as a queue: claim, renew, finish — each a compare-and-swap, as tasks
/// are. An HLS row is claimed only once its output's ladder rows are all finished.
internal static class RenditionQueue
{
    /// Takes the oldest claimable row (queued, or running with an expired lease) for `worker`.
    public static async Task<RenditionRow?> ClaimAsync(ReelgateDb db, string worker, long now, long until, CancellationToken ct)
    {
        const string Claimable = "(status = 'queued' OR (status = 'in_progress' AND lease_expires_at < @now))";
        var lockRows = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var rows = await Sql.QueryAsync<RenditionRow>(db, ct, $"""
            UPDATE renditions SET status = 'in_progress', lease_owner = @worker, lease_expires_at = @until,
                   attempts = attempts + 1, started_at = COALESCE(started_at, @now)
            WHERE id = (SELECT c.id FROM renditions c
                        WHERE (c.status = 'queued' OR (c.status = 'in_progress' AND c.lease_expires_at < @now))
                          AND (c.name <> '{RenditionAsk.HlsName}' OR NOT EXISTS (SELECT 1 FROM renditions l
                               WHERE l.task_id = c.task_id AND l.output_index = c.output_index AND l.name <> '{RenditionAsk.HlsName}'
                                 AND l.status IN ('queued', 'in_progress')))
                        ORDER BY c.created_at, c.id LIMIT 1 {lockRows})
              AND {Claimable}
            RETURNING id, task_id, account_id, output_index, name, fps_mode, status, error_code, error_message, upscaled, storage_key,
                      metadata_json, size_bytes, credits, billing, attempts, lease_owner, lease_expires_at, created_at, started_at, completed_at
            """, new { worker, now, until });
        return rows.FirstOrDefault();
    }

    /// False when the row is no longer ours (its lease expired and another worker took it, or the
    /// task was deleted or expired).
    public static async Task<bool> RenewAsync(ReelgateDb db, RenditionRow row, long until, CancellationToken ct) =>
        await Sql.ExecAsync(db, ct, "UPDATE renditions SET lease_expires_at = @until WHERE id = @Id AND status = 'in_progress' AND lease_owner = @LeaseOwner",
            new { until, row.Id, row.LeaseOwner }) == 1;

    /// Ends a claimed row with the outcome RenditionMaker wrote into it: its bytes count towards the
    /// task and the account, a failed one's charge is refunded, and the task's renditions_json is
    /// rewritten — one transaction, only while the lease is ours. False when it was not.
    public static async Task<bool> FinishAsync(ReelgateDb db, RenditionRow row, long now, CancellationToken ct)
    {
        var refund = row.Status == RenditionStatuses.Failed && row.Billing == BillingStates.Charged && row.Credits > 0;
        if (refund) row.Billing = BillingStates.Refunded;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var won = await Sql.ExecAsync(db, ct, """
            UPDATE renditions SET status = @Status, error_code = @ErrorCode, error_message = @ErrorMessage, upscaled = @Upscaled,
                   storage_key = @StorageKey, metadata_json = @MetadataJson, size_bytes = @SizeBytes, billing = @Billing,
                   completed_at = @CompletedAt, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @Id AND status = 'in_progress' AND lease_owner = @LeaseOwner
            """, row) == 1;
        if (!won) return false;
        if (row.SizeBytes > 0)
        {
            await StorageUse.AddAsync(db, row.AccountId, row.SizeBytes, ct);
            await Sql.ExecAsync(db, ct, "UPDATE tasks SET output_bytes = output_bytes + @SizeBytes WHERE id = @TaskId", row);
        }
        if (refund)
            await Ledger.AppendAsync(db, new Ledger.Entry(row.AccountId, LedgerKinds.Refund, row.Credits, row.TaskId, null, 0,
                $"rendition {row.Name} of output {row.OutputIndex} failed: {row.ErrorCode}"), now, guard: false, ct);
        await RenditionRows.SyncAsync(db, row.TaskId, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
