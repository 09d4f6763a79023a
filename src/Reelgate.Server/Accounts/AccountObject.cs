using System.Text.Json;
using Reelgate.Server.Billing;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

/// An account (tenant) with its balance, this month's use and its tier's limits; credits are decimals.
internal sealed record AccountObject(
    string Id, string Object, string Name, string Tier, string Status, long CreatedAt, decimal Balance, decimal CreditsUsedThisMonth,
    long StorageBytes, AccountLimits Limits)
{
    public static AccountObject From(Account a, TierLimits t, bool thisMonth) => new(
        a.Id, "account", a.Name, a.Tier, a.Status, a.CreatedAt / 1000, Credits.ToDecimal(a.Balance), Credits.ToDecimal(thisMonth ? a.MonthUsed : 0),
        a.StorageBytes, new AccountLimits(t.MonthlyCredits, t.RequestsPerMinute, t.Burst, t.ConcurrentRenders, t.TasksPerDay, t.StorageBytes,
            t.DownloadsPerDay, t.ContentTypes.Split(',', StringSplitOptions.TrimEntries)));
}

/// The tier's limits; zero means no limit, monthly_credits null means unmetered.
internal sealed record AccountLimits(
    decimal? MonthlyCredits, int RequestsPerMinute, int Burst, int ConcurrentRenders, int TasksPerDay, long StorageBytes,
    int DownloadsPerDay, IReadOnlyList<string> ContentTypes);

/// One ledger entry: `amount` moved the balance to `balance_after` (holds negative, refunds positive).
internal sealed record LedgerEntryObject(
    long Id, string Object, string Kind, decimal Amount, decimal BalanceAfter, string? TaskId, string? Model, int Seconds, string? Reason, long CreatedAt);

/// The answer to a grant or deduction: the entry written and the balance after it.
internal sealed record CreditAdjustment(string Object, string AccountId, string Kind, decimal Amount, decimal Balance, string Reason);

/// A recorded account event (usage.threshold) with the payload its webhook carried.
internal sealed record AccountEventObject(long Id, string Object, string Type, string Period, long CreatedAt, JsonElement Data);

[RequestBodyDoc]
internal sealed record CreateAccountRequest(string Name, string? Tier, decimal? Credits);

[RequestBodyDoc]
internal sealed record UpdateAccountRequest(string? Name, string? Tier, string? Status);

/// Credits to grant (positive) or deduct (negative), at most 4 decimals, and why.
[RequestBodyDoc]
internal sealed record AdjustCreditsRequest(decimal Amount, string Reason);
