using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Worker;

/// Two api processes and two worker processes on one database and one blob store; a worker is
/// SIGKILLed mid-render and another started. Every task must complete exactly once, be charged
/// once, and have its webhook delivered.
public sealed class MultiProcessTests
{
    [Fact]
    public async Task TwoApisTwoWorkers_WorkerKilledMidRender_EveryTaskCompletesExactlyOnce_ChargedOnce_WebhookDelivered()
    {
        var worker = new Dictionary<string, string> { ["Roles"] = "worker", ["Worker__Concurrency"] = "1", ["Worker__LeaseSeconds"] = "3" };
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var apiA = new ServerProcess(Billing.Accounts.Tiers(new()
        {
            ["Roles"] = "api", ["Webhooks__AllowHttp"] = "true", ["Webhooks__AllowPrivateNetworks"] = "true", ["Webhooks__PollMilliseconds"] = "200",
        }));
        await apiA.StartAsync();
        await using var apiB = apiA.Sibling(new() { ["Roles"] = "api" });
        await using var workerC = apiA.Sibling(worker);
        await using var workerD = apiA.Sibling(worker);
        await using var workerE = apiA.Sibling(worker);
        await Task.WhenAll(apiB.StartAsync(), workerC.StartAsync(), workerD.StartAsync());

        using var workerOnly = new HttpClient { BaseAddress = workerC.BaseUrl };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await workerOnly.GetAsync("/v1/models")).StatusCode);

        var (account, client) = await Billing.Accounts.CreateAsync(apiA, "metered", credits: 100_000);
        var key = (await (await apiA.Admin.PostAsJsonAsync("/v1/keys", new { name = "multi", account_id = account })).Json()).Str("secret");
        HttpClient[] apis = [apiA.ClientFor(key), apiB.ClientFor(key)];
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
            ids.Add((await apis[i % 2].CreateVideoAsync(new { prompt = $"multi-process clip {i}", duration = 4, generate_audio = false, callback_url = receiver.Url })).Str("id"));

        // Kill C while it holds a task: started in its log and not completed there. If the task is
        // still in_progress right after the kill (its lease is C's for seconds more), C died mid-render;
        // if C finished it in the instant before, start C again and try once more.
        string? interrupted = null;
        for (var round = 0; interrupted is null; round++)
        {
            Assert.True(round < 5, "worker C finished every task it held before it was killed");
            string? held = null;
            await Signals.UntilAsync(() =>
            {
                var log = workerC.Log;
                held = System.Text.RegularExpressions.Regex.Matches(log, @"task (\S+) started by").Select(m => m.Groups[1].Value)
                    .LastOrDefault(id => !log.Contains($"task {id} completed", StringComparison.Ordinal));
                return held is not null;
            }, "worker C rendering a task", seconds: 120);
            workerC.Kill();
            if ((await (await apis[0].GetAsync($"/v1/videos/{held}")).Json()).Str("status") == "in_progress") interrupted = held;
            else await workerC.StartAsync();
        }
        await workerE.StartAsync();

        var done = new List<JsonNode>();
        foreach (var id in ids) done.Add(await apis[ids.IndexOf(id) % 2].WaitAsync(id, seconds: 600));
        Assert.All(done, t => Assert.Equal("completed", t.Str("status")));
        Assert.True(done[ids.IndexOf(interrupted!)]["attempts"]!.GetValue<int>() >= 2, "the interrupted task was taken over");

        // One set of outputs per task, and nothing in the store that no task references.
        var keys = await apiA.KeysAsync("videos/");
        var byTask = keys.GroupBy(k => k.Split('/')[1]).ToDictionary(g => g.Key, g => g.Select(k => k.Split('/')[2]).Distinct().ToList());
        Assert.Equal(ids.Order(), byTask.Keys.Order());
        Assert.All(byTask.Values, attempts => Assert.Single(attempts));
        foreach (var t in done.Where(t => t["attempts"]!.GetValue<int>() >= 2))
        {
            var output = Assert.Single(t["outputs"]!.AsArray())!;
            var bytes = await apis[0].GetByteArrayAsync(output.Str("url"));
            Assert.Equal(output["metadata"]!.Str("sha256"), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        // Charged once each: one hold and one settle per task, nothing refunded, a consistent ledger.
        var ledger = await Billing.Accounts.LedgerAsync(apiA, account);
        Assert.All(ids, id => Assert.Single(ledger, e => e.Str("kind") == "settle" && e["task_id"]?.ToString() == id));
        Assert.All(ids, id => Assert.Single(ledger, e => e.Str("kind") == "hold" && e["task_id"]?.ToString() == id));
        Assert.DoesNotContain(ledger, e => e.Str("kind") == "refund");
        await Billing.Accounts.AssertLedgerConsistentAsync(apiA, account);

        // Every task's webhook delivered and accepted; a repeat (a worker killed mid-attempt)
        // carries the same webhook-id, so a receiver that drops repeats sees each task once.
        await receiver.WaitForAsync(r => ids.All(id => r.Any(x => x.Answered == 200 && x.TaskId == id)), seconds: 120);
        var hooksByTask = receiver.Accepted.GroupBy(r => r.TaskId!).ToDictionary(g => g.Key, g => g.Select(r => r.Id).Distinct().Count());
        Assert.Equal(ids.Order(), hooksByTask.Keys.Order());
        Assert.All(hooksByTask.Values, distinct => Assert.Equal(1, distinct));
        Assert.All(receiver.Accepted, r => Assert.Equal("video.completed", r.Type));
    }
}

/// The only in-process cache that can let a request through is the verified-key cache: a key
/// revoked through one process keeps working in another only until its cache entry expires
/// (Auth:CacheSeconds; how soon is a timing, measured in bench/, not asserted here).
public sealed class KeyCacheMarginTests
{
    [Fact]
    public async Task KeyRevokedThroughAnotherProcess_StopsWorkingWhenItsCacheEntryExpires()
    {
        var cache = new Dictionary<string, string> { ["Roles"] = "api", ["Auth__CacheSeconds"] = "2" };
        await using var a = new ServerProcess(cache);
        await a.StartAsync();
        await using var b = a.Sibling(cache);
        await b.StartAsync();
        var created = await (await a.Admin.PostAsJsonAsync("/v1/keys", new { name = "margin" })).Json();
        var viaB = b.ClientFor(created.Str("secret"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await viaB.GetAsync("/v1/videos")).StatusCode); // now cached in B

        await a.Admin.DeleteAsync($"/v1/keys/{created.Str("id")}");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await a.ClientFor(created.Str("secret")).GetAsync("/v1/videos")).StatusCode);
        await Signals.UntilAsync(async () => (await viaB.GetAsync("/v1/videos")).StatusCode == System.Net.HttpStatusCode.Unauthorized,
            "B refusing the revoked key once its cache entry expired");
    }
}
