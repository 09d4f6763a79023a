using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Providers.Routing;

/// The router through a real server: two remote providers (a Gemini API fake and an OpenAI-style
/// /v1/videos fake, both on loopback, see Support/FakeUpstreams), the cheaper one first, fallback
/// before acceptance only, one charge, and resume after SIGKILL.
public sealed class RoutingTests : IAsyncLifetime
{
    FakeUpstreams upstream = null!;
    ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstreams.StartAsync();
        server = new ServerProcess(Billing.Accounts.Tiers(new(upstream.BothProviders())
        {
            ["Providers__OpenAiCompatible__CircuitFailures"] = "2", ["Providers__OpenAiCompatible__CircuitCooldownSeconds"] = "600",
            ["Webhooks__AllowHttp"] = "true", ["Webhooks__AllowPrivateNetworks"] = "true", ["Webhooks__PollMilliseconds"] = "100",
        }));
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await upstream.DisposeAsync();
    }

    static readonly object Fast4s = new { model = "veo3.1-fast", prompt = "a paper boat on a canal", duration = 4, resolution = "720p", generate_audio = false };

    static List<(string Provider, string Outcome, string? Code)> Tried(JsonNode task) =>
        task["provider_attempts"]!.AsArray().Select(a => (a!.Str("provider"), a!.Str("outcome"), a!["code"]?.GetValue<string>())).ToList();

    [Fact]
    public async Task CheapestProvider_ServesTheTask_AndTheVideoIsReal()
    {
        var client = await server.NewAccountAsync();
        var created = await client.CreateVideoAsync(Fast4s);
        Assert.Equal(("openai-compatible", false), (created.Str("provider"), created["preview"]!.GetValue<bool>())); // expected while queued
        var done = await client.WaitAsync(created.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal("openai-compatible", done.Str("provider"));
        Assert.False(done["preview"]!.GetValue<bool>());
        Assert.Equal([("openai-compatible", "accepted", null)], Tried(done));
        var bytes = await client.GetByteArrayAsync(done["outputs"]![0]!.Str("url"));
        var probe = await Ffprobe.ProbeAsync(bytes);
        Assert.Equal("h264", probe.Stream("video")!.Str("codec_name"));
        Assert.Equal(1, upstream.Count("POST /v1/videos"));
        Assert.Equal(0, upstream.Count("POST /v1beta"));

        var model = await (await client.GetAsync("/v1/models/veo3.1-fast")).Json();
        Assert.Equal("openai-compatible", model.Str("provider"));
        Assert.Equal(["openai-compatible", "gemini"], model["providers"]!.AsArray().Select(p => p!.Str("name")));
        var providers = await (await server.Admin.GetAsync("/v1/providers")).Json();
        Assert.Equal(["gemini", "openai-compatible", "local"], providers["data"]!.AsArray().Select(p => p!.Str("name")));
        Assert.DoesNotContain("test-key", providers.ToJsonString());
    }

    [Fact]
    public async Task CheapestDown_NextServes_ChargedOnce_ThenTheCircuitOpens()
    {
        upstream.OpenAiDown = true;
        var (account, client) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000);
        var first = await client.WaitAsync((await client.CreateVideoAsync(Fast4s)).Str("id"));
        Assert.Equal(("completed", "gemini"), (first.Str("status"), first.Str("provider")));
        Assert.Equal([("openai-compatible", "failed", "provider_unavailable"), ("gemini", "accepted", null)], Tried(first));
        Assert.Equal(1, upstream.Count("POST /v1beta"));
        var ledger = await Billing.Accounts.LedgerAsync(server, account);
        Assert.Single(ledger, e => e.Str("kind") == "settle");
        Assert.Equal(1000m - 4 * 5.76m, await Billing.Accounts.BalanceAsync(server, account));

        // A second failure opens the circuit (CircuitFailures = 2): the third task skips it.
        await client.WaitAsync((await client.CreateVideoAsync(Fast4s)).Str("id"));
        var third = await client.WaitAsync((await client.CreateVideoAsync(Fast4s)).Str("id"));
        Assert.Equal([("openai-compatible", "skipped", "circuit_open"), ("gemini", "accepted", null)], Tried(third));
        Assert.Equal(2, upstream.Count("POST /v1/videos"));
        var providers = await (await server.Admin.GetAsync("/v1/providers")).Json();
        var openai = providers["data"]!.AsArray().Single(p => p!.Str("name") == "openai-compatible")!;
        Assert.Equal(("open", false), (openai.Str("circuit"), openai["live"]!.GetValue<bool>()));
        var model = await (await client.GetAsync("/v1/models/veo3.1-fast")).Json();
        Assert.Equal("gemini", model.Str("provider"));
    }

    [Fact]
    public async Task FewerVideosThanAsked_ChargesOnlyThoseDelivered()
    {
        // The Gemini fake answers one sample and raiMediaFilteredCount 1 for this prompt, as Veo
        // does when its filter drops the others (a shortfall the output check lets through).
        var (account, client) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000);
        var task = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = $"{FakeUpstreams.PartialFilterMarker} two takes", duration = 4, resolution = "720p", generate_audio = false, n = 2 });
        Assert.Equal(46.08m, task["credits"]!.GetValue<decimal>());
        var done = await client.WaitAsync(task.Str("id"));
        Assert.Equal(("completed", "gemini", 1), (done.Str("status"), done.Str("provider"), done["outputs"]!.AsArray().Count));
        Assert.Equal(("charged", 23.04m), (done.Str("billing"), done["credits"]!.GetValue<decimal>()));
        Assert.Equal(1000m - 23.04m, await Billing.Accounts.BalanceAsync(server, account));
        var ledger = await Billing.Accounts.LedgerAsync(server, account);
        Assert.Equal(["hold", "settle", "refund"], ledger.Where(e => e["task_id"]?.ToString() == task.Str("id")).Select(e => e.Str("kind")));
        await Billing.Accounts.AssertLedgerConsistentAsync(server, account);
    }

    [Fact]
    public async Task AllDown_FailsWithEveryAttemptListed_AndRefunds()
    {
        upstream.OpenAiDown = upstream.GeminiDown = true;
        await using var receiver = await WebhookReceiver.StartAsync();
        var (account, client) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000);
        var failed = await client.WaitAsync((await client.CreateVideoAsync(new
        {
            model = "veo3.1-fast", prompt = "nobody home", duration = 4, resolution = "720p", generate_audio = false, callback_url = receiver.Url,
        })).Str("id"));
        Assert.Equal("failed", failed.Str("status"));
        Assert.Equal("no_provider_available", failed["error"]!.Str("code"));
        Assert.Contains("openai-compatible", failed["error"]!.Str("message"));
        Assert.Contains("gemini", failed["error"]!.Str("message"));
        Assert.Equal([("openai-compatible", "failed", "provider_unavailable"), ("gemini", "failed", "provider_unavailable")], Tried(failed));
        Assert.Equal("refunded", failed.Str("billing"));
        Assert.Equal(1000m, await Billing.Accounts.BalanceAsync(server, account));
        await Billing.Accounts.AssertLedgerConsistentAsync(server, account);

        // The failure is announced: video.failed, with the task as GET shows it.
        var hook = (await receiver.WaitForAsync(r => r.Count >= 1)).Single();
        Assert.Equal("video.failed", hook.Type);
        Assert.Equal((await (await client.GetAsync($"/v1/videos/{failed.Str("id")}")).Json()).ToJsonString(), hook.Json["data"]!.ToJsonString());
    }

    [Fact]
    public async Task SandboxKeys_UseTheLocalEngine_AndCapabilitiesFilterCandidates()
    {
        var (account, _) = await Billing.Accounts.CreateAsync(server, "metered", credits: 10);
        var key = await (await server.Admin.PostAsJsonAsync("/v1/keys", new { account_id = account, sandbox = true })).Json();
        var sandbox = server.ClientFor(key.Str("secret"));
        var local = await sandbox.WaitAsync((await sandbox.CreateVideoAsync(Fast4s)).Str("id"));
        Assert.Equal(("completed", "local", true), (local.Str("status"), local.Str("provider"), local["preview"]!.GetValue<bool>()));
        Assert.Empty(upstream.Requests);

        // The capability filter: the cheaper OpenAI-style server makes one video per task, so n = 4 goes to Gemini.
        var client = await server.NewAccountAsync();
        var res = await client.PostAsJsonAsync("/v1/videos", new { model = "veo3.1-fast", prompt = "too many", duration = 4, resolution = "720p", generate_audio = false, n = 4 });
        Assert.True(res.IsSuccessStatusCode);
        var many = await client.WaitAsync((await res.Json()).Str("id"));
        Assert.Equal(("completed", "gemini"), (many.Str("status"), many.Str("provider")));
        Assert.Equal([("gemini", "accepted", null)], Tried(many));
        Assert.DoesNotContain("openai-test-key-not-secret", server.Log);
        Assert.DoesNotContain("gemini-test-key-not-secret", server.Log);
    }

    [Fact]
    public async Task CancellingATask_CancelsItsUpstreamJob_AndRefunds()
    {
        upstream.PollsBeforeDone = 1_000_000;
        var (account, client) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000);
        var id = (await client.CreateVideoAsync(Fast4s)).Str("id");
        await client.WaitAsync(id, until: t => t["provider_attempts"]!.AsArray().Count == 1);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.DeleteAsync($"/v1/videos/{id}")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (upstream.Count("DELETE /v1/videos/") == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1, upstream.Count("DELETE /v1/videos/"));
        var cancelled = await (await client.GetAsync($"/v1/videos/{id}")).Json();
        Assert.Equal(("cancelled", "refunded"), (cancelled.Str("status"), cancelled.Str("billing")));
        Assert.Equal(1000m, await Billing.Accounts.BalanceAsync(server, account));
    }

    [Fact]
    public async Task KilledWhileUpstreamRuns_ResumesTheSameOperation_NeverSubmitsTwice()
    {
        upstream.PollsBeforeDone = 1_000_000;
        var client = await server.NewAccountAsync();
        var id = (await client.CreateVideoAsync(Fast4s)).Str("id");
        await client.WaitAsync(id, until: t => t["provider_attempts"]!.AsArray().Count == 1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (upstream.Count("GET /v1/videos/") < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        server.Kill();

        upstream.PollsBeforeDone = 0;
        await server.StartAsync();
        var done = await client.WaitAsync(id);
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal(1, upstream.Count("POST /v1/videos"));
        Assert.Equal([("openai-compatible", "accepted", null)], Tried(done));
        Assert.True(done["attempts"]!.GetValue<int>() >= 2);
        Assert.Single(upstream.Requests.Where(r => r.StartsWith("GET /v1/videos/") && !r.EndsWith("/content")).Distinct());
    }
}
