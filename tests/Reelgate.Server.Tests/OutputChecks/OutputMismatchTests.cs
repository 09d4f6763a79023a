using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.OutputChecks;

/// By default (Media:AcceptDowngrades=false) a provider that under-delivers fails the task with
/// `output_mismatch`: {asked, delivered} in `error.details`, the hold refunded, no file kept.
public sealed class OutputMismatchTests : IAsyncLifetime
{
    UnderDelivery fake = null!;

    public async Task InitializeAsync() => fake = await UnderDelivery.StartAsync(acceptDowngrades: false);
    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Theory]
    [MemberData(nameof(UnderDelivery.Cases), MemberType = typeof(UnderDelivery))]
    public async Task UnderDelivered_FailsWithOutputMismatch_Details_AndARefund(string way, string request, string field, string values, decimal held, decimal _)
    {
        var (account, task, done) = await fake.RunAsync(request, held);
        Assert.Equal(("failed", "output_mismatch"), (done.Str("status"), done["error"]!.Str("code")));
        Assert.Contains("does not match the request", done["error"]!.Str("message"));
        UnderDelivery.AssertDiffers(done["error"]!["details"], field, values, done);
        Assert.Null(done["downgrade"]);
        Assert.Empty(done["outputs"]!.AsArray());

        Assert.Equal("refunded", done.Str("billing"));
        Assert.Equal(1000m, await Billing.Accounts.BalanceAsync(fake.Server, account));
        var ledger = await fake.LedgerAsync(account, task);
        Assert.Equal(["hold", "refund"], ledger.Select(e => e.Str("kind")));
        Assert.Equal(held, ledger[1]["amount"]!.GetValue<decimal>());
        await Billing.Accounts.AssertLedgerConsistentAsync(fake.Server, account);
        Assert.Empty(await fake.Server.KeysAsync($"videos/{task.Str("id")}/"));
        Assert.NotEmpty(way);
    }

    [Fact]
    public async Task WhatWasAsked_Completes_WithNoDowngrade()
    {
        var (_, _, done) = await fake.RunAsync("""{"prompt":"a kite","duration":4}""", 23.04m);
        Assert.Equal("completed", done.Str("status"));
        Assert.Null(done["downgrade"]);
        Assert.Null(done["error"]);
        Assert.Equal(("charged", 23.04m), (done.Str("billing"), done["credits"]!.GetValue<decimal>()));
    }

    /// Veo's safety filter may remove some of a request's samples and keep the rest: fewer videos
    /// explained by the filter are no mismatch, and are charged per video delivered, as before.
    [Fact]
    public async Task FewerVideos_ExplainedByTheContentFilter_Complete_ChargedPerVideoDelivered()
    {
        var (account, task, done) = await fake.RunAsync($$"""{"prompt":"{{FakeUpstreams.PartialFilterMarker}} a kite","duration":4,"n":2}""", 46.08m);
        Assert.Equal("completed", done.Str("status"));
        Assert.Null(done["downgrade"]);
        Assert.Single(done["outputs"]!.AsArray());
        Assert.Equal(("charged", 23.04m), (done.Str("billing"), done["credits"]!.GetValue<decimal>()));
        Assert.Equal(["hold", "settle", "refund"], (await fake.LedgerAsync(account, task)).Select(e => e.Str("kind")));
    }
}
