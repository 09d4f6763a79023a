using System.Net.Http.Json;
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
        var (account, client) = await Billing.Accounts.CreateAsync(fake.Server, "metered", credits: 1000);
        var res = await client.PostAsJsonAsync("/v1/videos", UnderDelivery.Request(request));
        var task = await res.Json();
        Assert.True(res.IsSuccessStatusCode, task.ToJsonString());
        Assert.Equal(held, task["credits"]!.GetValue<decimal>());

        var done = await client.WaitAsync(task.Str("id"));
        Assert.Equal("failed", done.Str("status"));
        Assert.Equal("output_mismatch", done["error"]!.Str("code"));
        var details = done["error"]!["details"]!;
        var (asked, delivered) = (values.Split('|')[0], values.Split('|')[1]);
        Assert.True(details["asked"]?[field] is not null && details["delivered"]?[field] is not null, done.ToJsonString());
        Assert.Equal(asked, details["asked"]![field]!.ToJsonString().Trim('"'));
        Assert.Equal(delivered, details["delivered"]![field]!.ToJsonString().Trim('"'));
        Assert.Null(done["downgrade"]);
        Assert.Empty(done["outputs"]!.AsArray());

        Assert.Equal("refunded", done.Str("billing"));
        Assert.Equal(1000m, await Billing.Accounts.BalanceAsync(fake.Server, account));
        var ledger = (await Billing.Accounts.LedgerAsync(fake.Server, account)).Where(e => e["task_id"]?.ToString() == task.Str("id")).ToList();
        Assert.Equal(["hold", "refund"], ledger.Select(e => e.Str("kind")));
        Assert.Equal(held, ledger[1]["amount"]!.GetValue<decimal>());
        await Billing.Accounts.AssertLedgerConsistentAsync(fake.Server, account);
        Assert.Empty(await fake.Server.KeysAsync($"videos/{task.Str("id")}/"));
        Assert.True(way.Length > 0);
    }

    [Fact]
    public async Task WhatWasAsked_Completes_WithNoDowngrade()
    {
        var (_, client) = await Billing.Accounts.CreateAsync(fake.Server, "metered", credits: 1000);
        var task = await client.CreateVideoAsync(UnderDelivery.Request("""{"prompt":"a kite","duration":4}"""));
        var done = await client.WaitAsync(task.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        Assert.Null(done["downgrade"]);
        Assert.Null(done["error"]);
        Assert.Equal(23.04m, done["credits"]!.GetValue<decimal>());
    }

    /// Veo's safety filter may remove some of a request's samples and keep the rest: fewer videos
    /// explained by the filter are no mismatch, and are charged per video delivered, as before.
    [Fact]
    public async Task FewerVideos_ExplainedByTheContentFilter_Complete_ChargedPerVideoDelivered()
    {
        var (account, client) = await Billing.Accounts.CreateAsync(fake.Server, "metered", credits: 1000);
        var task = await client.CreateVideoAsync(UnderDelivery.Request($$"""{"prompt":"{{FakeUpstreams.PartialFilterMarker}} a kite","duration":4,"n":2}"""));
        var done = await client.WaitAsync(task.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        Assert.Null(done["downgrade"]);
        Assert.Single(done["outputs"]!.AsArray());
        Assert.Equal(("charged", 23.04m), (done.Str("billing"), done["credits"]!.GetValue<decimal>()));
        var kinds = (await Billing.Accounts.LedgerAsync(fake.Server, account)).Where(e => e["task_id"]?.ToString() == task.Str("id")).Select(e => e.Str("kind"));
        Assert.Equal(["hold", "settle", "refund"], kinds);
    }
}
