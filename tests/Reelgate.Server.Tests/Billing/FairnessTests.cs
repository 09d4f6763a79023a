using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Billing;

public sealed class FairnessTests
{
    /// Account A may run 2 renders at once, as many as the worker has slots, and queues 8; B then
    /// queues 1. B's task runs as soon as a slot frees (the account with fewer renders running
    /// goes first; on a tie the older task), so when it is done A still has tasks waiting; in
    /// first-come order B would have waited for all 8; A never has more than 2 running; nothing is refused.
    [Fact]
    public async Task AnAccountsQueue_WaitsAtItsConcurrencyLimit_AndDoesNotStarveAnother()
    {
        await using var server = new ServerProcess(Accounts.Tiers(new()
        {
            ["Providers__Fake__Enabled"] = "true", ["Providers__Fake__LatencyMs"] = "1500", ["Worker__Concurrency"] = "2",
            ["Tiers__duo__MonthlyCredits"] = "10000", ["Tiers__duo__ConcurrentRenders"] = "2",
        }));
        await server.StartAsync();
        var (_, a) = await Accounts.CreateAsync(server, "duo");
        var (_, b) = await Accounts.CreateAsync(server, "duo");
        var body = new { model = "veo3.1-fast", prompt = "queue", duration = 4, generate_audio = false, resolution = "720p" };
        var aTasks = new List<string>();
        for (var i = 0; i < 8; i++) aTasks.Add((await a.CreateVideoAsync(body)).Str("id"));
        var bTask = (await b.CreateVideoAsync(body)).Str("id");

        var maxRunning = 0;
        JsonNode bDone;
        while (true)
        {
            var list = (await (await a.GetAsync("/v1/videos?limit=100")).Json())["data"]!.AsArray();
            maxRunning = Math.Max(maxRunning, list.Count(t => t!.Str("status") == "in_progress"));
            bDone = await (await b.GetAsync($"/v1/videos/{bTask}")).Json();
            if (bDone.Str("status") == "completed") break;
            Assert.NotEqual("failed", bDone.Str("status"));
            await Task.Delay(100);
        }
        var aNow = (await (await a.GetAsync("/v1/videos?limit=100")).Json())["data"]!.AsArray();
        Assert.True(aNow.Count(t => t!.Str("status") == "queued") >= 2, $"B waited for A's queue: {aNow.ToJsonString()}");
        foreach (var id in aTasks) Assert.Equal("completed", (await a.WaitAsync(id)).Str("status"));
        Assert.InRange(maxRunning, 1, 2);
    }

    /// With a limit of 1 and two worker slots, the second slot stays idle rather than run a
    /// second task of the same account.
    [Fact]
    public async Task ConcurrentRenderLimit_HoldsEvenWithIdleWorkerSlots()
    {
        await using var server = new ServerProcess(Accounts.Tiers(new()
        {
            ["Providers__Fake__Enabled"] = "true", ["Providers__Fake__LatencyMs"] = "700", ["Worker__Concurrency"] = "3",
            ["Tiers__solo__MonthlyCredits"] = "10000", ["Tiers__solo__ConcurrentRenders"] = "1",
        }));
        await server.StartAsync();
        var (_, a) = await Accounts.CreateAsync(server, "solo");
        var body = new { model = "veo3.1-fast", prompt = "one at a time", duration = 4, generate_audio = false, resolution = "720p" };
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add((await a.CreateVideoAsync(body)).Str("id"));
        var maxRunning = 0;
        while (true)
        {
            var list = (await (await a.GetAsync("/v1/videos?limit=100")).Json())["data"]!.AsArray();
            maxRunning = Math.Max(maxRunning, list.Count(t => t!.Str("status") == "in_progress"));
            if (list.All(t => t!.Str("status") == "completed")) break;
            await Task.Delay(50);
        }
        Assert.Equal(1, maxRunning);
    }
}
