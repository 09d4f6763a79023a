using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Billing;

public sealed class CreditsTests : IAsyncLifetime
{
    readonly ServerProcess server = new(Accounts.Tiers(new() { ["Providers__Fake__Enabled"] = "true", ["Providers__Fake__LatencyMs"] = "300" }));

    public Task InitializeAsync() => server.StartAsync();
    public async Task DisposeAsync() => await server.DisposeAsync();

    static readonly object Fast8s = new { model = "veo3.1-fast", prompt = "a lighthouse at dusk", duration = 8, generate_audio = false, resolution = "720p" };

    [Fact]
    public async Task Account_GetsItsTiersMonthlyCredits_AndPricesAreShown()
    {
        var res = await server.Admin.PostAsJsonAsync("/v1/accounts", new { name = "acme", tier = "free" });
        var body = await res.Json();
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        Assert.Equal(3000m, body["balance"]!.GetValue<decimal>());
        Assert.Equal("free", body.Str("tier"));
        Assert.Equal(2, body["limits"]!["concurrent_renders"]!.GetValue<int>());
        var ledger = await Accounts.LedgerAsync(server, body.Str("id"));
        Assert.Equal("grant", Assert.Single(ledger).Str("kind"));

        var model = await (await server.Admin.GetAsync("/v1/models/veo3.1-fast")).Json();
        Assert.Equal(5.76m, model["pricing"]!["credits"]!["standard"]!.GetValue<decimal>());
        Assert.Equal(8.64m, model["pricing"]!["credits"]!["audio"]!.GetValue<decimal>());
        Assert.Equal(17.28m, model["pricing"]!["credits"]!["uhd_4k"]!.GetValue<decimal>());
        Assert.Equal(20.2176m, model["pricing"]!["credits"]!["uhd_4k_audio"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Task_IsHeldAtSubmit_ChargedOnSuccess_WithUsageHeaders()
    {
        var (id, client) = await Accounts.CreateAsync(server, "metered", credits: 100);
        var res = await client.PostAsJsonAsync("/v1/videos", Fast8s);
        var task = await res.Json();
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        Assert.Equal(46.08m, task["credits"]!.GetValue<decimal>());
        Assert.Equal("held", task.Str("billing"));
        Assert.Equal("53.92", res.Headers.GetValues("X-Usage-Remaining").Single());
        Assert.Equal("46.08", res.Headers.GetValues("X-Usage-Credits-Used").Single());

        var done = await client.WaitAsync(task.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal("charged", done.Str("billing"));
        Assert.Equal(53.92m, await Accounts.BalanceAsync(server, id));
        var kinds = (await Accounts.LedgerAsync(server, id)).Select(e => e.Str("kind")).ToList();
        Assert.Equal(["grant", "hold", "settle"], kinds);
        await Accounts.AssertLedgerConsistentAsync(server, id);

        // Audio and n multiply the price: 8 s × 8.64 × 2.
        var res2 = await client.PostAsJsonAsync("/v1/videos", new { model = "veo3.1-fast", prompt = "p", duration = 8, generate_audio = true, n = 2, resolution = "720p" });
        var body2 = await res2.Json();
        Assert.Equal(HttpStatusCode.PaymentRequired, res2.StatusCode);
        Assert.Equal("insufficient_credits", body2.Str("code"));
        Assert.Equal(138.24m, body2["required"]!.GetValue<decimal>());
        Assert.Equal(53.92m, body2["available"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Cancel_RefundsTheHold()
    {
        await using var slow = new ServerProcess(Accounts.Tiers(new() { ["Roles"] = "api" }));
        await slow.StartAsync();
        var (id, client) = await Accounts.CreateAsync(slow, "metered", credits: 50);
        var task = await client.CreateVideoAsync(Fast8s);
        Assert.Equal(3.92m, await Accounts.BalanceAsync(slow, id));
        var cancelled = await (await client.DeleteAsync($"/v1/videos/{task.Str("id")}")).Json();
        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal("refunded", cancelled.Str("billing"));
        Assert.Equal(50m, await Accounts.BalanceAsync(slow, id));
        Assert.Equal(["grant", "hold", "refund"], (await Accounts.LedgerAsync(slow, id)).Select(e => e.Str("kind")).ToList());
        await Accounts.AssertLedgerConsistentAsync(slow, id);
    }

    [Fact]
    public async Task SandboxKey_SpendsNothing_AndUnmeteredTierSaysUnlimited()
    {
        var (id, _) = await Accounts.CreateAsync(server, "metered", credits: 10);
        var key = await (await server.Admin.PostAsJsonAsync("/v1/keys", new { account_id = id, name = "sandbox", sandbox = true })).Json();
        var sandbox = server.ClientFor(key.Str("secret"));
        var task = await sandbox.CreateVideoAsync(Fast8s);
        Assert.Equal("sandbox", task.Str("billing"));
        Assert.Equal(0m, task["credits"]!.GetValue<decimal>());
        Assert.Equal("completed", (await sandbox.WaitAsync(task.Str("id"))).Str("status"));
        Assert.Equal(10m, await Accounts.BalanceAsync(server, id));

        var res = await server.Admin.GetAsync("/v1/models");
        Assert.Equal("unlimited", res.Headers.GetValues("X-Usage-Remaining").Single());
    }

    [Fact]
    public async Task AdminGrantsAndDeducts_NeverBelowZero_AndValidates()
    {
        var (id, _) = await Accounts.CreateAsync(server, "metered", credits: 5);
        var grant = await server.Admin.PostAsJsonAsync($"/v1/accounts/{id}/credits", new { amount = 2.5m, reason = "goodwill" });
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
        Assert.Equal(7.5m, (await grant.Json())["balance"]!.GetValue<decimal>());
        var over = await server.Admin.PostAsJsonAsync($"/v1/accounts/{id}/credits", new { amount = -8, reason = "chargeback" });
        Assert.Equal(HttpStatusCode.PaymentRequired, over.StatusCode);
        Assert.Equal("insufficient_credits", (await over.Json()).Str("code"));
        var deduct = await server.Admin.PostAsJsonAsync($"/v1/accounts/{id}/credits", new { amount = -7.5m, reason = "chargeback" });
        Assert.Equal(0m, (await deduct.Json())["balance"]!.GetValue<decimal>());

        foreach (var (body, param) in new (object, string)[]
        {
            (new { amount = 1 }, "reason"), (new { reason = "x" }, "amount"), (new { amount = 0, reason = "x" }, "amount"),
            (new { amount = 0.00001m, reason = "x" }, "amount"), (new { amount = "5", reason = "x" }, "amount"), (new { amount = 1e10, reason = "x" }, "amount"),
        })
        {
            var res = await server.Admin.PostAsJsonAsync($"/v1/accounts/{id}/credits", body);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Equal(param, (await res.Json()).Str("param"));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await server.Admin.PostAsJsonAsync("/v1/accounts/acct_nope/credits", new { amount = 1, reason = "x" })).StatusCode);
        await Accounts.AssertLedgerConsistentAsync(server, id);
    }

    [Fact]
    public async Task AccountsApi_ValidatesAndIsAdminOnly()
    {
        var (id, client) = await Accounts.CreateAsync(server, "metered");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/accounts")).StatusCode);
        Assert.Equal("tier", (await (await server.Admin.PostAsJsonAsync("/v1/accounts", new { name = "x", tier = "gold" })).Json()).Str("param"));
        Assert.Equal("name", (await (await server.Admin.PostAsJsonAsync("/v1/accounts", new { tier = "free" })).Json()).Str("param"));
        Assert.Equal("status", (await (await server.Admin.PatchAsJsonAsync($"/v1/accounts/{id}", new { status = "frozen" })).Json()).Str("param"));
        var patched = await (await server.Admin.PatchAsJsonAsync($"/v1/accounts/{id}", new { tier = "pro" })).Json();
        Assert.Equal("pro", patched.Str("tier"));
        var list = await (await server.Admin.GetAsync("/v1/accounts?limit=100")).Json();
        Assert.Contains(list["data"]!.AsArray(), a => a!.Str("id") == id);
        var first = await (await server.Admin.GetAsync("/v1/accounts?limit=1")).Json(); // the admin's account and this one
        var next = await (await server.Admin.GetAsync($"/v1/accounts?limit=1&after={first.AssertPage(hasMore: true)[0]}")).Json();
        Assert.True(string.CompareOrdinal(next.AssertPage().Single(), first.Str("last_id")) > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Admin.GetAsync("/v1/accounts/acct_nope")).StatusCode);

        // Suspension takes effect at once in this process.
        await server.Admin.PatchAsJsonAsync($"/v1/accounts/{id}", new { status = "suspended" });
        var refused = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("account_suspended", (await refused.Json()).Str("code"));
    }
}
