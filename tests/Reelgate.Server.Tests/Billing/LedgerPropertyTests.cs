using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Reelgate.Server.Accounts;
using Reelgate.Server.Billing;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Billing;

/// For random interleavings of submit, success, failure, cancel, grants and repeated endings of
/// the same task, run through the server's own submit gate and settlement code on a real
/// database: after every step the balance equals the sum of the ledger and grants − settled
/// charges − open holds, never below zero; a refused submit is one the balance could not cover;
/// ending a task twice changes nothing; and once every task has ended the balance is exactly
/// grants − settled charges.
public sealed class LedgerPropertyTests
{
    const string Model = "veo-3.1-fast-generate-preview";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task AnyInterleaving_KeepsTheBalanceEqualToTheLedger(int seed)
    {
        using var database = new InProcessDatabase();
        var options = database.Options;
        {
            var tiers = new Tiers(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Tiers:prop:MonthlyCredits"] = "100",
            }).Build());
            var tier = tiers.For("prop");
            const string account = "acct_prop";
            await using (var db = new ReelgateDb(options))
            {
                db.Accounts.Add(new Account { Id = account, Name = "prop", Tier = "prop", CreatedAt = 1 });
                await db.SaveChangesAsync();
            }

            var rng = new Random(seed);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            long grants = 0, charged = 0;
            var open = new Dictionary<string, long>();
            var ended = new List<string>();
            var monthlyGranted = false;
            for (var step = 0; step < 150; step++)
            {
                var op = rng.Next(10);
                if (op < 4 || open.Count == 0)
                {
                    var price = Credits.FromDecimal(rng.Next(1, 4000) / 100m);
                    var before = await BalanceAsync(options, account) + (monthlyGranted ? 0 : Credits.FromDecimal(100));
                    var id = $"video_{seed}_{step}";
                    var accepted = await SubmitAsync(options, tier, tiers, account, id, price, now);
                    if (!monthlyGranted) { grants += Credits.FromDecimal(100); monthlyGranted = true; }
                    Assert.Equal(price <= before, accepted);
                    if (accepted) open[id] = price;
                }
                else if (op == 9)
                {
                    var amount = Credits.FromDecimal(rng.Next(1, 5000) / 100m);
                    await using var db = new ReelgateDb(options);
                    await using var tx = await db.Database.BeginTransactionAsync();
                    await Ledger.AppendAsync(db, new Ledger.Entry(account, LedgerKinds.Grant, amount, Reason: "top-up"), now, guard: false, default);
                    await tx.CommitAsync();
                    grants += amount;
                }
                else if (op == 8 && ended.Count > 0)
                {
                    // An ending that lost the race (a late worker, a second cancel): no effect.
                    var id = ended[rng.Next(ended.Count)];
                    Assert.False(await EndAsync(options, id, PickEnd(rng), now));
                }
                else
                {
                    var id = open.Keys.ElementAt(rng.Next(open.Count));
                    var status = PickEnd(rng);
                    Assert.True(await EndAsync(options, id, status, now));
                    if (status == TaskStatuses.Completed) charged += open[id];
                    open.Remove(id);
                    ended.Add(id);
                }
                await AssertInvariantsAsync(options, account, grants - charged - open.Values.Sum());
            }
            foreach (var id in open.Keys.ToList())
            {
                var status = PickEnd(rng);
                Assert.True(await EndAsync(options, id, status, now));
                if (status == TaskStatuses.Completed) charged += open[id];
                open.Remove(id);
            }
            await AssertInvariantsAsync(options, account, grants - charged);
        }
    }

    static string PickEnd(Random rng) => rng.Next(3) switch
    {
        0 => TaskStatuses.Completed,
        1 => TaskStatuses.Failed,
        _ => TaskStatuses.Cancelled,
    };

    /// What POST /v1/videos does: the gate and the task row in one transaction.
    static async Task<bool> SubmitAsync(DbContextOptions<ReelgateDb> options, TierLimits tier, Tiers tiers, string account, string id, long price, long now)
    {
        await using var db = new ReelgateDb(options);
        await using var tx = await db.Database.BeginTransactionAsync();
        var (passed, _) = await SubmitGate.PassAsync(db, tier, tiers, account, id, Model, 8, price, hold: true, now, default);
        if (passed is null) return false;
        db.Tasks.Add(new VideoTask
        {
            Id = id, AccountId = account, Status = TaskStatuses.Queued, Model = Model, Provider = "local", Prompt = "p",
            RequestJson = "{}", Size = "1280x720", Seconds = 8, CreatedAt = now, Credits = price, Billing = BillingStates.Held,
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return true;
    }

    /// What a worker's finish, a cancel or a failure does: compare-and-swap, then settlement.
    static async Task<bool> EndAsync(DbContextOptions<ReelgateDb> options, string id, string status, long now)
    {
        await using var db = new ReelgateDb(options);
        await using var tx = await db.Database.BeginTransactionAsync();
        var won = await db.Tasks.Where(t => t.Id == id && (t.Status == TaskStatuses.Queued || t.Status == TaskStatuses.InProgress))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, status).SetProperty(t => t.CompletedAt, now));
        if (won == 0) return false;
        await Settlement.ApplyAsync(db, id, status, status == TaskStatuses.Failed ? "provider_error" : null, 0, now, default);
        await tx.CommitAsync();
        return true;
    }

    static async Task<long> BalanceAsync(DbContextOptions<ReelgateDb> options, string account)
    {
        await using var db = new ReelgateDb(options);
        return await db.Accounts.Where(a => a.Id == account).Select(a => a.Balance).FirstAsync();
    }

    static async Task AssertInvariantsAsync(DbContextOptions<ReelgateDb> options, string account, long expected)
    {
        await using var db = new ReelgateDb(options);
        var balance = await db.Accounts.Where(a => a.Id == account).Select(a => a.Balance).FirstAsync();
        var entries = await db.Ledger.AsNoTracking().Where(l => l.AccountId == account).OrderBy(l => l.Id).ToListAsync();
        long running = 0;
        foreach (var e in entries)
        {
            running += e.Amount;
            Assert.Equal(running, e.BalanceAfter);
            Assert.True(running >= 0);
        }
        Assert.Equal(running, balance);
        Assert.Equal(expected, balance);
        // Each task has at most one hold and at most one settle-or-refund.
        foreach (var g in entries.Where(e => e.TaskId != null).GroupBy(e => e.TaskId))
        {
            Assert.Equal(1, g.Count(e => e.Kind == LedgerKinds.Hold));
            Assert.True(g.Count(e => e.Kind is LedgerKinds.Settle or LedgerKinds.Refund) <= 1);
        }
    }
}
