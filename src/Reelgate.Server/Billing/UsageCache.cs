using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;

namespace Reelgate.Server.Billing;

/// Each account's balance and credits used this month, for the X-Usage-* headers of every
/// answer. This process's own submits update it at once (from the values their transaction
/// returned); changes made elsewhere show within Auth:CacheSeconds. It never decides anything:
/// the hold in the submit transaction is what refuses a task.
internal sealed class UsageCache(IDbContextFactory<ReelgateDb> dbs, IOptions<AuthOptions> options, TimeProvider clock)
{
    sealed record Snapshot(string Used, string Remaining, long Until);
    readonly ConcurrentDictionary<string, Snapshot> entries = new();

    public void Update(string accountId, long balance, long monthUsed) =>
        entries[accountId] = new Snapshot(Credits.Format(monthUsed), Credits.Format(balance), Deadline());

    public void Forget(string accountId) => entries.TryRemove(accountId, out _);

    public async ValueTask<(string Used, string Remaining)> GetAsync(string accountId, CancellationToken ct)
    {
        if (entries.TryGetValue(accountId, out var s) && clock.GetTimestamp() < s.Until) return (s.Used, s.Remaining);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.Balance, a.MonthUsed, a.AllowanceMonth }).FirstOrDefaultAsync(ct);
        if (row is null) return ("0", "0");
        // A month without any billing yet has used nothing of it.
        var used = row.AllowanceMonth == Ledger.Month(clock.GetUtcNow().ToUnixTimeMilliseconds()) ? row.MonthUsed : 0;
        if (entries.Count > 100_000) entries.Clear();
        var snap = new Snapshot(Credits.Format(used), Credits.Format(row.Balance), Deadline());
        entries[accountId] = snap;
        return (snap.Used, snap.Remaining);
    }

    long Deadline() => clock.GetTimestamp() + (long)(Math.Max(options.Value.CacheSeconds, 0) * clock.TimestampFrequency);
}

/// Every authenticated answer carries X-Usage-Credits-Used (this month) and X-Usage-Remaining
/// (the balance; `unlimited` on an unmetered tier).
internal sealed class UsageHeadersFilter(UsageCache usage, Tiers tiers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = Caller.From(http);
        var result = await next(context);
        if (!tiers.For(caller.Tier).Metered)
        {
            http.Response.Headers["X-Usage-Credits-Used"] = "0";
            http.Response.Headers["X-Usage-Remaining"] = "unlimited";
            return result;
        }
        // After the handler, so a submit's answer shows its own hold.
        var (used, remaining) = await usage.GetAsync(caller.AccountId, http.RequestAborted);
        http.Response.Headers["X-Usage-Credits-Used"] = used;
        http.Response.Headers["X-Usage-Remaining"] = remaining;
        return result;
    }
}
