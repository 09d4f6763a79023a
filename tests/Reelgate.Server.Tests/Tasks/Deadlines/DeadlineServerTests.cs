using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;
using TestAccounts = Reelgate.Server.Tests.Billing.Accounts;

namespace Reelgate.Server.Tests.Tasks.Deadlines;

/// A server whose worker renders nothing (Worker:Enabled=false): every task stays queued, so a
/// Cancel-After deadline always passes first, and a Prefer: wait always runs out.
public sealed class IdleServer : IAsyncLifetime
{
    public ServerProcess Server { get; } = new(TestAccounts.Tiers(new()
    {
        ["Worker__Enabled"] = "false",
        ["Tasks__DeadlineSweepSeconds"] = "0.1",
        ["Tasks__MaxWaitSeconds"] = "1",
    }));

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

public sealed class DeadlineServerTests(IdleServer idle) : IClassFixture<IdleServer>
{
    static readonly object Fast8s = new { model = "veo3.1-fast", prompt = "a lighthouse at dusk", duration = 8, generate_audio = false, resolution = "720p" };
    readonly ServerProcess server = idle.Server;

    [Fact]
    public async Task AQueuedTaskPastItsCancelAfter_IsCancelledWithDeadlineExceeded_AndRefunded()
    {
        var (account, client) = await TestAccounts.CreateAsync(server, "metered", credits: 50);
        var res = await client.SendAsync(Create(("Cancel-After", "1s")));
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var created = await res.Json();
        Assert.Equal("queued", created.Str("status"));
        Assert.True(await TestAccounts.BalanceAsync(server, account) < 50m);

        var ended = await client.WaitAsync(created.Str("id"), seconds: 60);
        Assert.Equal("cancelled", ended.Str("status"));
        Assert.Equal("deadline_exceeded", ended["error"]!.Str("code"));
        Assert.Equal("refunded", ended.Str("billing"));
        Assert.Equal(50m, await TestAccounts.BalanceAsync(server, account));
        Assert.Equal(["grant", "hold", "refund"], (await TestAccounts.LedgerAsync(server, account)).Select(e => e.Str("kind")).ToList());
        await TestAccounts.AssertLedgerConsistentAsync(server, account);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("30d")]
    public async Task ABadCancelAfter_Is400WithTheHeaderAsParam_AndQueuesNothing(string value)
    {
        var client = await server.NewAccountAsync();
        var res = await client.SendAsync(Create(("Cancel-After", value)));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var body = await res.Json();
        Assert.Equal(("invalid_cancel_after", "Cancel-After"), (body.Str("code"), body.Str("param")));
        Assert.Empty((await (await client.GetAsync("/v1/videos")).Json())["data"]!.AsArray());
    }

    [Fact]
    public async Task PreferWait_OnATaskThatDoesNotEnd_Answers202WhenTheCappedWaitRunsOut()
    {
        var client = await server.NewAccountAsync();
        var res = await client.SendAsync(Create(("Prefer", "wait=30")));
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        Assert.Equal("wait=1", res.Headers.GetValues("Preference-Applied").Single()); // Tasks:MaxWaitSeconds
        var body = await res.Json();
        Assert.Equal("queued", body.Str("status"));
        Assert.Equal($"/v1/videos/{body.Str("id")}", res.Headers.Location!.OriginalString);

        var plain = await client.SendAsync(Create(("Prefer", "wait=0")));
        Assert.Equal(HttpStatusCode.Accepted, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Preference-Applied"));
    }

    [Fact]
    public async Task PreferWait_UnderAnIdempotencyKey_StoresAndReplaysTheCreateAnswer()
    {
        var client = await server.NewAccountAsync();
        var first = await client.SendAsync(Create(("Prefer", "wait"), ("Idempotency-Key", "wait-1")));
        var again = await client.SendAsync(Create(("Prefer", "wait"), ("Idempotency-Key", "wait-1")));
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        Assert.Equal((await first.Json()).Str("id"), (await again.Json()).Str("id"));
    }

    static HttpRequestMessage Create(params (string Name, string Value)[] headers)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = JsonContent.Create(Fast8s) };
        foreach (var (name, value) in headers) req.Headers.TryAddWithoutValidation(name, value);
        return req;
    }
}
