using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Billing;

/// What ending a task does to its account, run in the transaction of the compare-and-swap that
/// ended it (so it happens exactly once): a held price is settled on success and refunded on any
/// other end (failure, cancellation, content filter); a completed task's files count towards the
/// account's storage. A task that completed with fewer videos than it asked for (an upstream
/// filtered some) is charged for those it delivered: the rest of the hold is refunded.
internal static class Settlement
{
    public static async Task ApplyAsync(
        ReelgateDb db, string taskId, string status, string? errorCode, long outputBytes, long now, CancellationToken ct, int delivered = 0, int requested = 0, long renditionRefund = 0,
        DeliveredCharge? charge = null)
    {
        var t = await db.Tasks.AsNoTracking().Where(x => x.Id == taskId)
            .Select(x => new { x.AccountId, x.Credits, x.Billing, x.Model, x.CreatedAt }).FirstAsync(ct);
        if (status == TaskStatuses.Completed && outputBytes > 0)
            await StorageUse.AddAsync(db, t.AccountId, outputBytes, ct);
        if (t.Billing != BillingStates.Held) return;

        var seconds = (int)((await Sql.RowAsync(db, ct, "SELECT seconds FROM ledger WHERE task_id = @task AND kind = 'hold'", ("task", taskId)))?[0] ?? 0);
        if (status == TaskStatuses.Completed)
        {
            // Renditions asked at create that failed give their share of the hold back first.
            if (renditionRefund > 0)
                await RefundAsync(db, t.AccountId, t.Model, t.CreatedAt, taskId, renditionRefund, "renditions that failed", now, ct);
            var (charged, back) = charge is { } c ? Downgraded(t.Credits - renditionRefund, c.Credits) : Split(t.Credits - renditionRefund, delivered, requested);
            var settled = charge?.Seconds ?? (requested > 0 && back > 0 ? seconds * delivered / requested : seconds);
            await Ledger.AppendAsync(db, new Ledger.Entry(t.AccountId, LedgerKinds.Settle, 0, taskId, t.Model,
                settled, $"charged {Credits.Format(charged)} credits"), now, guard: false, ct);
            if (back > 0)
            {
                var why = charge is null ? $"{requested - delivered} of {requested} videos not delivered" : "downgrade: charged for what was delivered";
                await RefundAsync(db, t.AccountId, t.Model, t.CreatedAt, taskId, back, why, now, ct);
            }
            if (back > 0 || renditionRefund > 0)
                await db.Tasks.Where(x => x.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Credits, charged), ct);
            await SetBillingAsync(db, taskId, BillingStates.Charged, ct);
            return;
        }
        await RefundAsync(db, t.AccountId, t.Model, t.CreatedAt, taskId, t.Credits, $"{status}: {errorCode ?? status}", now, ct);
        await SetBillingAsync(db, taskId, BillingStates.Refunded, ct);
    }

    /// What a completed task pays (its share of videos delivered) and what goes back. Pure.
    public static (long Charged, long Refunded) Split(long price, int delivered, int requested)
    {
        if (requested <= 0 || delivered >= requested || delivered <= 0) return (price, 0);
        var charged = price * delivered / requested;
        return (charged, price - charged);
    }

    /// An accepted downgrade pays the delivered tier's price, never more than was held. Pure.
    public static (long Charged, long Refunded) Downgraded(long held, long deliveredPrice)
    {
        var charged = Math.Clamp(deliveredPrice, 0, held);
        return (charged, held - charged);
    }

    static async Task RefundAsync(ReelgateDb db, string account, string model, long createdAt, string taskId, long amount, string note, long now, CancellationToken ct)
    {
        await Ledger.AppendAsync(db, new Ledger.Entry(account, LedgerKinds.Refund, amount, taskId, model, 0, note), now, guard: false, ct);
        await Sql.ExecuteAsync(db, ct,
            "UPDATE accounts SET month_used = CASE WHEN allowance_month = @month THEN month_used - @credits ELSE month_used END WHERE id = @account",
            ("month", Ledger.Month(createdAt)), ("credits", amount), ("account", account));
    }

    static Task<int> SetBillingAsync(ReelgateDb db, string taskId, string state, CancellationToken ct) =>
        db.Tasks.Where(x => x.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Billing, state), ct);
}

/// What an accepted downgrade is charged: the delivered tier's price and seconds (all videos).
internal sealed record DeliveredCharge(long Credits, int Seconds);
