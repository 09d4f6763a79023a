using System.Net.Http.Json;
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
        var (account, client) = await Billing.Accounts.CreateAsync(fake.Server, "metered", credits: 1000);
        var res = await client.PostAsJsonAsync("/v1/videos", UnderDelivery.Request(request));
        var task = await res.Json();
        Assert.True(res.IsSuccessStatusCode, task.ToJsonString());
        Assert.Equal(held, task["credits"]!.GetValue<decimal>());

        var done = await client.WaitAsync(task.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        Assert.Null(done["error"]);
        var downgrade = done["downgrade"]!;
        var (asked, delivered) = (values.Split('|')[0], values.Split('|')[1]);
        Assert.True(downgrade["asked"]?[field] is not null && downgrade["delivered"]?[field] is not null, done.ToJsonString());
        Assert.Equal(asked, downgrade["asked"]![field]!.ToJsonString().Trim('"'));
        Assert.Equal(delivered, downgrade["delivered"]![field]!.ToJsonString().Trim('"'));
        Assert.NotEmpty(done["outputs"]!.AsArray());

        Assert.Equal(("charged", price), (done.Str("billing"), done["credits"]!.GetValue<decimal>()));
        Assert.Equal(1000m - price, await Billing.Accounts.BalanceAsync(fake.Server, account));
        var kinds = (await Billing.Accounts.LedgerAsync(fake.Server, account)).Where(e => e["task_id"]?.ToString() == task.Str("id")).Select(e => e.Str("kind"));
        Assert.Equal(held > price ? ["hold", "settle", "refund"] : new[] { "hold", "settle" }, kinds);
        await Billing.Accounts.AssertLedgerConsistentAsync(fake.Server, account);
        Assert.True(way.Length > 0);
    }
}
