using System.Text.Json;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Billing;

/// The limits and the credit hold of a submit, run in the transaction that inserts the task row:
/// either all of it commits with the task, or none of it does. The order of the checks is the
/// order of their errors: daily task limit, storage quota, credits.
internal static class SubmitGate
{
    public sealed record Passed(long Balance, long MonthUsed);

    public static async Task<(Passed? Ok, ApiError? Error)> PassAsync(
        ReelgateDb db, TierLimits tier, Tiers tiers, string accountId, string taskId, string model, int seconds, long price, bool hold, long now, CancellationToken ct)
    {
        var counted = await Sql.RowAsync(db, ct, """
            INSERT INTO daily_counters (account_id, day, tasks, downloads) VALUES (@account, @day, 1, 0)
            ON CONFLICT (account_id, day) DO UPDATE SET tasks = daily_counters.tasks + 1
            WHERE @limit = 0 OR daily_counters.tasks < @limit
            RETURNING tasks
            """, ("account", accountId), ("day", Ledger.Day(now)), ("limit", tier.TasksPerDay));
        if (counted is null) return (null, QuotaErrors.DailyLimit("daily_task_limit_exceeded", $"This account's tier allows {tier.TasksPerDay} tasks a day (UTC).", now));

        var account = await Sql.RowAsync(db, ct, "SELECT storage_bytes, balance, month_used FROM accounts WHERE id = @account", ("account", accountId));
        if (account is null) return (null, new ApiError(401, "invalid_api_key", "The key's account no longer exists.", "Authorization"));
        if (tier.StorageBytes > 0 && account[0] >= tier.StorageBytes)
            return (null, QuotaErrors.StorageFull(tier));
        if (!hold) return (new Passed(account[1], account[2]), null);

        var monthly = tier.MonthlyCredits is { } m ? Credits.FromDecimal(m) : 0;
        await Ledger.GrantMonthlyAsync(db, accountId, monthly, now, ct);
        var after = await Ledger.AppendAsync(db, new Ledger.Entry(accountId, LedgerKinds.Hold, -price, taskId, model, seconds), now, guard: true, ct);
        if (after is null)
        {
            var available = await Ledger.BalanceAsync(db, accountId, ct) ?? 0;
            return (null, new ApiError(402, "insufficient_credits",
                $"This task costs {Credits.Format(price)} credits and the account has {Credits.Format(available)}.")
            {
                Extra = [new("required", Credits.ToDecimal(price)), new("available", Credits.ToDecimal(available))],
            });
        }
        var used = (await Sql.RowAsync(db, ct, "UPDATE accounts SET month_used = month_used + @price WHERE id = @account RETURNING month_used",
            ("price", price), ("account", accountId)))![0];
        if (monthly > 0)
        {
            var threshold = (long)Math.Ceiling(monthly * tiers.AlertThreshold);
            if (used - price < threshold && used >= threshold)
                await RecordThresholdAsync(db, accountId, tiers.AlertThreshold, used, monthly, now, ct);
        }
        return (new Passed(after.Value, used), null);
    }

    /// `usage.threshold`, once per account and month (the unique key drops repeats).
    static async Task RecordThresholdAsync(ReelgateDb db, string accountId, double share, long used, long monthly, long now, CancellationToken ct)
    {
        var month = Ledger.Month(now);
        var period = $"{month / 100:D4}-{month % 100:D2}";
        var payload = JsonSerializer.Serialize(new
        {
            account_id = accountId, threshold = share, period, credits_used = Credits.ToDecimal(used), monthly_credits = Credits.ToDecimal(monthly),
        });
        var recorded = await Sql.ExecuteAsync(db, ct, """
            INSERT INTO account_events (account_id, kind, period, payload_json, created_at)
            VALUES (@account, 'usage.threshold', @period, @payload, @now)
            ON CONFLICT (account_id, kind, period) DO NOTHING
            """, ("account", accountId), ("period", period), ("payload", payload), ("now", now));
        if (recorded == 1)
            await Webhooks.Outbox.AccountEventAsync(db, accountId, Webhooks.WebhookEvents.UsageThreshold, payload, now, 0, ct);
    }
}
