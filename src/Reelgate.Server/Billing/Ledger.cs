using Reelgate.Server.Data;

namespace Reelgate.Server.Billing;

/// The only writer of the ledger. Each entry moves the account's balance by its amount in the
/// same statement that takes the account row's lock, then is appended with the balance after it,
/// so for every account, ordered by id, balance_after is the running sum of amount. Callers run
/// these inside the transaction of the change that causes them.
internal static class Ledger
{
    public sealed record Entry(string AccountId, string Kind, long Amount, string? TaskId = null, string? Model = null, int Seconds = 0, string? Reason = null);

    /// Appends the entry. With `guard`, refuses (returns null, writes nothing) when the balance
    /// would go below zero. Returns the balance after.
    public static async Task<long?> AppendAsync(ReelgateDb db, Entry e, long now, bool guard, CancellationToken ct)
    {
        var row = await Sql.RowAsync(db, ct,
            guard
                ? "UPDATE accounts SET balance = balance + @amount WHERE id = @account AND balance + @amount >= 0 RETURNING balance"
                : "UPDATE accounts SET balance = balance + @amount WHERE id = @account RETURNING balance",
            ("amount", e.Amount), ("account", e.AccountId));
        if (row is null) return null;
        await Sql.ExecuteAsync(db, ct, """
            INSERT INTO ledger (account_id, kind, amount, balance_after, task_id, model, seconds, reason, created_at)
            VALUES (@account, @kind, @amount, @after, @task, @model, @seconds, @reason, @now)
            """,
            ("account", e.AccountId), ("kind", e.Kind), ("amount", e.Amount), ("after", row[0]), ("task", e.TaskId),
            ("model", e.Model), ("seconds", e.Seconds), ("reason", e.Reason), ("now", now));
        return row[0];
    }

    /// The account's balance, or null when it does not exist.
    public static async Task<long?> BalanceAsync(ReelgateDb db, string accountId, CancellationToken ct) =>
        (await Sql.RowAsync(db, ct, "SELECT balance FROM accounts WHERE id = @account", ("account", accountId)))?[0];

    /// yyyymm of a Unix-ms time, the unit of monthly allowances.
    public static int Month(long ms)
    {
        var d = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return d.Year * 100 + d.Month;
    }

    public static long Day(long ms) => ms / 86_400_000;

    /// Grants the tier's monthly credits once per calendar month (UTC), the first time the account
    /// is billed in that month. Unused credits carry over: the ledger never takes credits back
    /// unasked. The guarded UPDATE makes the grant happen once whatever runs concurrently.
    public static async Task GrantMonthlyAsync(ReelgateDb db, string accountId, long monthlyUnits, long now, CancellationToken ct)
    {
        var month = Month(now);
        var won = await Sql.ExecuteAsync(db, ct,
            "UPDATE accounts SET allowance_month = @month, month_used = 0 WHERE id = @account AND allowance_month < @month",
            ("month", month), ("account", accountId));
        if (won == 1 && monthlyUnits > 0)
            await AppendAsync(db, new Entry(accountId, LedgerKinds.Grant, monthlyUnits, Reason: $"monthly allowance {month / 100:D4}-{month % 100:D2}"), now, guard: false, ct);
    }
}
