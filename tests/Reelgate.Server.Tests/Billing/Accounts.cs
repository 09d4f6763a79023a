using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Billing;

/// Accounts on chosen tiers, over the admin API.
public static class Accounts
{
    /// Test tiers: `metered` has no monthly credits (balances are exactly what a test grants) and
    /// no limits; `tight` has small limits for the limit tests.
    public static Dictionary<string, string> Tiers(Dictionary<string, string>? more = null)
    {
        var s = new Dictionary<string, string>
        {
            ["Tiers__metered__MonthlyCredits"] = "0",
            ["Tiers__metered__ContentTypes"] = "mp4",
            ["Tiers__tight__MonthlyCredits"] = "100",
            ["Tiers__tight__TasksPerDay"] = "2",
            ["Tiers__tight__DownloadsPerDay"] = "1",
            ["Tiers__tight__ConcurrentRenders"] = "1",
        };
        foreach (var (k, v) in more ?? []) s[k] = v;
        return s;
    }

    public static async Task<(string Id, HttpClient Client)> CreateAsync(ServerProcess server, string tier, decimal credits = 0, string role = "standard")
    {
        var res = await server.Admin.PostAsJsonAsync("/v1/accounts", new { name = $"acct {tier}", tier, credits });
        var body = await res.Json();
        Assert.True(res.IsSuccessStatusCode, body.ToJsonString());
        var id = body.Str("id");
        var key = await server.Admin.PostAsJsonAsync("/v1/keys", new { account_id = id, name = "k", role });
        var keyBody = await key.Json();
        Assert.True(key.IsSuccessStatusCode, keyBody.ToJsonString());
        return (id, server.ClientFor(keyBody.Str("secret")));
    }

    public static async Task<decimal> BalanceAsync(ServerProcess server, string id) =>
        (await (await server.Admin.GetAsync($"/v1/accounts/{id}")).Json())["balance"]!.GetValue<decimal>();

    public static async Task<List<JsonNode>> LedgerAsync(ServerProcess server, string id)
    {
        var all = new List<JsonNode>();
        string? after = null;
        while (true)
        {
            var page = await (await server.Admin.GetAsync($"/v1/accounts/{id}/ledger?limit=1000{(after is null ? "" : $"&after={after}")}")).Json();
            page.AssertPage();
            all.AddRange(page["data"]!.AsArray().Select(n => n!));
            if (!page["has_more"]!.GetValue<bool>()) return all;
            after = page.Str("last_id");
        }
    }

    /// The ledger's own invariants: balance_after is the running sum, never negative, and the
    /// account's balance is the sum of all entries.
    public static async Task AssertLedgerConsistentAsync(ServerProcess server, string id)
    {
        var entries = await LedgerAsync(server, id);
        decimal running = 0;
        foreach (var e in entries)
        {
            running += e["amount"]!.GetValue<decimal>();
            Assert.Equal(running, e["balance_after"]!.GetValue<decimal>());
            Assert.True(running >= 0, $"negative balance after entry {e.ToJsonString()}");
        }
        Assert.Equal(running, await BalanceAsync(server, id));
    }
}
