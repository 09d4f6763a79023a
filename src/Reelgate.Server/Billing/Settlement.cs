using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Billing;

/// What ending a task does to its account, run in the transaction of the compare-and-swap that
/// ended it (so it happens exactly once): a held price is settled on success and refunded on any
/// other end (failure, cancellation, content filter); a completed task's files count towards the
/// account's storage.
internal static class Settlement
{
    public static async Task ApplyAsync(ReelgateDb db, string taskId, string status, string? errorCode, long outputBytes, long now, CancellationToken ct)
    {
        var t = await db.Tasks.AsNoTracking().Where(x => x.Id == taskId)
            .Select(x => new { x.AccountId, x.Credits, x.Billing, x.Model, x.CreatedAt }).FirstAsync(ct);
        if (status == TaskStatuses.Completed && outputBytes > 0)
            await StorageUse.AddAsync(db, t.AccountId, outputBytes, ct);
        if (t.Billing != BillingStates.Held) return;

        var seconds = (int)((await Sql.RowAsync(db, ct, "SELECT seconds FROM ledger WHERE task_id = @task AND kind = 'hold'", ("task", taskId)))?[0] ?? 0);
        if (status == TaskStatuses.Completed)
        {
            await Ledger.AppendAsync(db, new Ledger.Entry(t.AccountId, LedgerKinds.Settle, 0, taskId, t.Model, seconds,
                $"charged {Credits.Format(t.Credits)} credits"), now, guard: false, ct);
            await SetBillingAsync(db, taskId, BillingStates.Charged, ct);
            return;
        }
        await Ledger.AppendAsync(db, new Ledger.Entry(t.AccountId, LedgerKinds.Refund, t.Credits, taskId, t.Model, 0,
            $"{status}: {errorCode ?? status}"), now, guard: false, ct);
        await Sql.ExecuteAsync(db, ct,
            "UPDATE accounts SET month_used = CASE WHEN allowance_month = @month THEN month_used - @credits ELSE month_used END WHERE id = @account",
            ("month", Ledger.Month(t.CreatedAt)), ("credits", t.Credits), ("account", t.AccountId));
        await SetBillingAsync(db, taskId, BillingStates.Refunded, ct);
    }

    static Task<int> SetBillingAsync(ReelgateDb db, string taskId, string state, CancellationToken ct) =>
        db.Tasks.Where(x => x.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Billing, state), ct);
}
