using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Billing;

public sealed class ConcurrencyTests
{
    /// 200 parallel submits, spread over two api processes on one database, against a balance
    /// that covers exactly 50: exactly 50 are accepted and the balance ends at exactly 0, with no
    /// ledger entry ever below zero. On PostgreSQL in the PostgreSQL pass of the suite.
    [Fact]
    public async Task TwoHundredParallelSubmits_AgainstFiftyTasksOfCredit_AcceptExactlyFifty()
    {
        await using var apiA = new ServerProcess(Accounts.Tiers(new() { ["Roles"] = "api" }));
        await apiA.StartAsync();
        await using var apiB = apiA.Sibling(new() { ["Roles"] = "api" });
        await apiB.StartAsync();
        var (id, clientA) = await Accounts.CreateAsync(apiA, "metered", credits: 50 * 23.04m);
        var secret = clientA.DefaultRequestHeaders.Authorization!.Parameter!;
        var clientB = apiB.ClientFor(secret);

        var body = new { model = "veo3.1-fast", prompt = "race", duration = 4, generate_audio = false, resolution = "720p" };
        using var start = new ManualResetEventSlim();
        var submits = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var res = await (i % 2 == 0 ? clientA : clientB).PostAsJsonAsync("/v1/videos", body);
            return (res.StatusCode, Code: res.StatusCode == HttpStatusCode.Accepted ? null : (await res.Json())["code"]?.GetValue<string>());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(submits);

        Assert.Equal(50, results.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(150, results.Count(r => r.StatusCode == HttpStatusCode.PaymentRequired && r.Code == "insufficient_credits"));
        Assert.Equal(0m, await Accounts.BalanceAsync(apiA, id));
        await Accounts.AssertLedgerConsistentAsync(apiA, id);
        var ledger = await Accounts.LedgerAsync(apiA, id);
        Assert.Equal(50, ledger.Count(e => e.Str("kind") == "hold"));
        var listed = await (await clientA.GetAsync("/v1/videos?limit=100")).Json();
        Assert.Equal(50, listed["data"]!.AsArray().Count);
    }
}
