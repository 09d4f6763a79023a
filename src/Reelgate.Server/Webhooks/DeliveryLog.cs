using Reelgate.Server.Data;

namespace Reelgate.Server.Webhooks;

internal static class DeliveryLog
{
    /// Finished deliveries created before `before` go, with their attempts.
    public static async Task SweepAsync(ReelgateDb db, long before, CancellationToken ct)
    {
        const string Old = "SELECT id FROM webhook_deliveries WHERE status IN ('succeeded', 'failed') AND created_at < @before";
        await Sql.ExecuteAsync(db, ct, $"DELETE FROM webhook_attempts WHERE delivery_id IN ({Old})", ("before", before));
        await Sql.ExecuteAsync(db, ct, $"DELETE FROM webhook_deliveries WHERE id IN ({Old})", ("before", before));
    }
}
