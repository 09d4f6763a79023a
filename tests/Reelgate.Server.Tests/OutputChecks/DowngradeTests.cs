using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.OutputChecks;

/// With Media:AcceptDowngrades=true the task completes with `downgrade` {asked, delivered} and is
/// charged the delivered tier's price (resolution tier, seconds, audio, videos); the rest of the
/// hold is refunded.
public sealed class DowngradeTests : IAsyncLifetime
{
    UnderDelivery fake = null!;

    public async Task InitializeAsync() => fake = await UnderDelivery.StartAsync(acceptDowngrades: true);
    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Theory]
    [MemberData(nameof(UnderDelivery.Cases), MemberType = typeof(UnderDelivery))]
    public async Task UnderDelivered_Completes_WithADowngrade_ChargedAtTheDeliveredTier(string way, string request, string field, string values, decimal held, decimal price)
    {
        var (account, task, done) = await fake.RunAsync(request, held);
        Assert.Equal("completed", done.Str("status"));
        Assert.Null(done["error"]);
        UnderDelivery.AssertDiffers(done["downgrade"], field, values, done);
        Assert.NotEmpty(done["outputs"]!.AsArray());

        Assert.Equal(("charged", price), (done.Str("billing"), done["credits"]!.GetValue<decimal>()));
        Assert.Equal(1000m - price, await Billing.Accounts.BalanceAsync(fake.Server, account));
        Assert.Equal(held > price ? ["hold", "settle", "refund"] : new[] { "hold", "settle" }, (await fake.LedgerAsync(account, task)).Select(e => e.Str("kind")));
        await Billing.Accounts.AssertLedgerConsistentAsync(fake.Server, account);
        Assert.NotEmpty(way);
    }
}
