using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Billing;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Webhooks;

/// Webhooks end to end: a real server, a real worker (fake provider), a loopback receiver.
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    internal static Dictionary<string, string> Settings(Dictionary<string, string>? more = null)
    {
        var s = Billing.Accounts.Tiers(new()
        {
            ["Providers__Fake__Enabled"] = "true", ["Providers__Fake__LatencyMs"] = "100",
            ["Webhooks__AllowHttp"] = "true", ["Webhooks__AllowPrivateNetworks"] = "true",
            ["Webhooks__RetrySchedule"] = "0,0.3,0.3,0.3", ["Webhooks__PollMilliseconds"] = "100", ["Webhooks__TimeoutSeconds"] = "2",
            ["Tiers__alerts__MonthlyCredits"] = "50",
        });
        foreach (var (k, v) in more ?? []) s[k] = v;
        return s;
    }

    readonly ServerProcess server = new(Settings());
    WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await receiver.DisposeAsync();
    }

    static readonly object Fast = new { model = "veo3.1-fast", prompt = "a lighthouse at dusk", duration = 4, resolution = "720p", generate_audio = false };

    internal static async Task<HttpClient> ServiceClientAsync(ServerProcess server)
    {
        var res = await server.Admin.PostAsJsonAsync("/v1/keys", new { name = "hooks", role = "service" });
        var body = await res.Json();
        Assert.True(res.IsSuccessStatusCode, body.ToJsonString());
        return server.ClientFor(body.Str("secret"));
    }

    static async Task<string> CallbackSecretAsync(HttpClient client)
    {
        var res = await client.PostAsync("/v1/webhooks/callback_secret", null);
        var body = await res.Json();
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return body.Str("secret");
    }

    [Fact]
    public async Task Callback_FailingFirstAttempts_IsAcceptedExactlyOnce_WithOneWebhookId_AndVerifies()
    {
        var client = await ServiceClientAsync(server);
        var secret = await CallbackSecretAsync(client);
        Assert.StartsWith("whsec_", secret);
        receiver.Respond = (_, before) => new(before switch { 0 => 500, 1 => 503, _ => 200 });

        var task = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "a lighthouse at dusk", duration = 4, resolution = "720p", generate_audio = false, callback_url = receiver.Url });
        var id = task.Str("id");
        await receiver.WaitForAsync(r => r.Any(x => x.Answered == 200));
        // Recorded as succeeded, the row can never be claimed again: every attempt has arrived.
        await WaitDeliveryAsync(client, id, "succeeded");

        var all = receiver.Requests.ToList();
        Assert.Equal(3, all.Count);
        Assert.Single(all.Select(r => r.Id).Distinct());
        Assert.Single(receiver.Accepted);
        Assert.All(all, r => Assert.True(WebhookReceiver.Verifies(r, secret), $"signature {r.Signature} does not verify"));
        Assert.All(all, r => Assert.True(WebhookReceiver.LegacyVerifies(r, secret), $"X-Reelgate-Signature {r.Legacy} does not verify"));

        // The payload is an event around the task object exactly as GET /v1/videos/{id} shows it.
        var ev = receiver.Accepted[0].Json;
        Assert.Equal("video.completed", ev.Str("type"));
        Assert.Equal(ev.Str("id"), receiver.Accepted[0].Id);
        var shown = await (await client.GetAsync($"/v1/videos/{id}")).Json();
        Assert.Equal(shown.ToJsonString(), ev["data"]!.ToJsonString());

        // The log shows the three attempts and their answers.
        var log = await (await client.GetAsync($"/v1/webhooks/deliveries?task_id={id}")).Json();
        var delivery = Assert.Single(log["data"]!.AsArray())!;
        Assert.Equal("succeeded", delivery.Str("status"));
        Assert.Equal(3, delivery["attempts"]!.GetValue<int>());
        Assert.Equal([500, 503, 200], delivery["attempt_log"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()));
        Assert.Null(delivery["endpoint_id"]);
    }

    [Fact]
    public async Task AFailedAttempt_IsLoggedWithoutTheCallbackUrlsQueryString()
    {
        var client = await ServiceClientAsync(server);
        await CallbackSecretAsync(client);
        receiver.Respond = (_, before) => new(before == 0 ? 500 : 200);
        const string token = "callback-token-that-stays-out-of-logs";
        await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "a lighthouse at dusk", duration = 4, resolution = "720p", generate_audio = false, callback_url = $"{receiver.Url}?token={token}" });
        var log = await server.WaitForLogAsync($"to {receiver.Url}?[redacted]: HTTP 500");
        await receiver.WaitForAsync(r => r.Any(x => x.Answered == 200));
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(token, server.Log);
    }

    [Fact]
    public async Task Endpoint_SecretShownOnce_EventsFiltered_CancelDelivered()
    {
        var client = await ServiceClientAsync(server);
        var all = await (await client.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url + "/all", description = "everything" })).Json();
        var secret = all.Str("secret");
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(["video.completed", "video.failed", "video.cancelled", "usage.threshold"], all["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        var failedOnly = await (await client.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url + "/failed", events = new[] { "video.failed" } })).Json();
        Assert.Null((await (await client.GetAsync($"/v1/webhooks/{all.Str("id")}")).Json())["secret"]);
        Assert.Equal(2, (await (await client.GetAsync("/v1/webhooks")).Json())["data"]!.AsArray().Count);

        var done = await client.CreateVideoAsync(Fast);
        await receiver.WaitForAsync(r => r.Any(x => x.TaskId == done.Str("id")));
        var queued = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "slow one", duration = 4, resolution = "720p", generate_audio = false });
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/v1/videos/{queued.Str("id")}")).StatusCode);
        await receiver.WaitForAsync(r => r.Count(x => x.Path == "/hook/all") >= 2);
        // The rows are written when a task ends, so both tasks' rows exist by now; once they are
        // settled no attempt is still to come.
        await Signals.UntilAsync(async () => (await DeliveriesAsync(client, "")) is var rows && rows.Count == 2 && rows.All(d => d!.Str("status") == "succeeded"),
            "both deliveries to the endpoint recorded as succeeded");

        var got = receiver.Requests.ToList();
        Assert.All(got, r => Assert.Equal("/hook/all", r.Path)); // the failed-only endpoint heard nothing
        Assert.Contains(got, r => r.Type == "video.completed" && r.TaskId == done.Str("id"));
        var cancelled = Assert.Single(got, r => r.TaskId == queued.Str("id"));
        Assert.Equal("video.cancelled", cancelled.Type);
        Assert.Equal("cancelled", cancelled.Json["data"]!.Str("status"));
        Assert.All(got, r => Assert.True(WebhookReceiver.Verifies(r, secret)));
        var deliveries = await (await client.GetAsync($"/v1/webhooks/deliveries?endpoint_id={failedOnly.Str("id")}")).Json();
        Assert.Empty(deliveries["data"]!.AsArray());
    }

    [Fact]
    public async Task EndpointsAndDeliveries_PageWithTheListShape()
    {
        var client = await ServiceClientAsync(server);
        var endpoints = new List<string>();
        for (var i = 0; i < 3; i++)
            endpoints.Add((await (await client.PostAsJsonAsync("/v1/webhooks", new { url = $"{receiver.Url}/{i}", events = new[] { "video.completed" } })).Json()).Str("id"));

        var one = await (await client.GetAsync("/v1/webhooks?limit=2")).Json();
        Assert.Equal(endpoints[..2], one.AssertPage(hasMore: true));
        var two = await (await client.GetAsync($"/v1/webhooks?limit=2&after={one.Str("last_id")}")).Json();
        Assert.Equal(endpoints[2..], two.AssertPage(hasMore: false));
        Assert.Equal(endpoints, (await (await client.GetAsync("/v1/webhooks")).Json()).AssertPage(hasMore: false));
        var bad = await (await client.GetAsync("/v1/webhooks?limit=101")).Json();
        Assert.Equal(("limit", "out_of_range"), (bad["error"]!.Str("param"), bad["error"]!.Str("code")));

        // One completed task: one delivery per endpoint, listed newest first.
        var task = await client.CreateVideoAsync(Fast);
        await receiver.WaitForAsync(r => r.Count(x => x.TaskId == task.Str("id")) >= 3);
        var newest = await (await client.GetAsync($"/v1/webhooks/deliveries?task_id={task.Str("id")}&limit=2")).Json();
        var firstTwo = newest.AssertPage(hasMore: true);
        var rest = await (await client.GetAsync($"/v1/webhooks/deliveries?task_id={task.Str("id")}&limit=2&after={newest.Str("last_id")}")).Json();
        var all = firstTwo.Concat(rest.AssertPage(hasMore: false)).ToList();
        Assert.Equal(3, all.Distinct().Count());
        Assert.Equal(all.OrderDescending(StringComparer.Ordinal), all);
        Assert.Equal(endpoints, newest["data"]!.AsArray().Concat(rest["data"]!.AsArray()).Select(d => d!.Str("endpoint_id")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SecretRotation_SignsWithBoth_DuringGrace()
    {
        var client = await ServiceClientAsync(server);
        var created = await (await client.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url })).Json();
        var rotated = await (await client.PostAsJsonAsync($"/v1/webhooks/{created.Str("id")}/rotate_secret", new { grace_seconds = 3600 })).Json();
        Assert.NotEqual(created.Str("secret"), rotated.Str("secret"));
        Assert.NotNull(rotated["previous_secret_expires_at"]);

        await client.CreateVideoAsync(Fast);
        var r = (await receiver.WaitForAsync(x => x.Count >= 1)).Single();
        Assert.Equal(2, r.Signature!.Split(' ').Length);
        Assert.True(WebhookReceiver.Verifies(r, created.Str("secret")));
        Assert.True(WebhookReceiver.Verifies(r, rotated.Str("secret")));
        Assert.True(WebhookReceiver.LegacyVerifies(r, rotated.Str("secret")));

        var bad = await client.PostAsJsonAsync($"/v1/webhooks/{created.Str("id")}/rotate_secret", new { grace_seconds = -1 });
        Assert.Equal("grace_seconds", (await bad.Json())["error"]!.Str("param"));
    }

    [Fact]
    public async Task Gone_DisablesEndpoint_RedeliverRefused_UntilReenabled()
    {
        var client = await ServiceClientAsync(server);
        var endpoint = await (await client.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url })).Json();
        receiver.Respond = (_, _) => new(410);
        var task = await client.CreateVideoAsync(Fast);
        await receiver.WaitForAsync(r => r.Count >= 1);
        var delivery = await WaitDeliveryAsync(client, task.Str("id"), "failed");
        Assert.Equal(1, delivery["attempts"]!.GetValue<int>()); // no retries after 410
        var shown = await (await client.GetAsync($"/v1/webhooks/{endpoint.Str("id")}")).Json();
        Assert.False(shown["enabled"]!.GetValue<bool>());
        Assert.Contains("410", shown.Str("disabled_reason"));

        var again = await client.PostAsync($"/v1/webhooks/deliveries/{delivery.Str("id")}/redeliver", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("endpoint_disabled", (await again.Json())["error"]!.Str("code"));

        receiver.Respond = (_, _) => new(204);
        var patched = await (await client.PatchAsJsonAsync($"/v1/webhooks/{endpoint.Str("id")}", new { enabled = true })).Json();
        Assert.True(patched["enabled"]!.GetValue<bool>());
        Assert.Null(patched["disabled_reason"]);
        var redelivered = await client.PostAsync($"/v1/webhooks/deliveries/{delivery.Str("id")}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        var done = await WaitDeliveryAsync(client, task.Str("id"), "succeeded");
        Assert.Equal(2, done["attempts"]!.GetValue<int>());
        var ids = receiver.Requests.Select(r => r.Id).Distinct().ToList();
        Assert.Equal(delivery.Str("id"), Assert.Single(ids)); // the same webhook-id, redelivered
    }

    [Fact]
    public async Task Redirects_AreNotFollowed_AndTimeoutsAreRecorded()
    {
        var client = await ServiceClientAsync(server);
        receiver.Respond = (path, _) => path == "/elsewhere" ? new(200) : new(302, Location: receiver.Url.Replace("/hook", "/elsewhere"));
        var task = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "redirect", duration = 4, resolution = "720p", generate_audio = false, callback_url = receiver.Url });
        var failed = await WaitDeliveryAsync(client, task.Str("id"), "failed");
        Assert.Equal(4, failed["attempts"]!.GetValue<int>()); // the whole schedule
        Assert.Equal(302, failed["last_status_code"]!.GetValue<int>());
        Assert.DoesNotContain(receiver.Requests, r => r.Path == "/elsewhere");

        receiver.Respond = (_, _) => new(200, DelayMs: 5000);
        var slow = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "slow receiver", duration = 4, resolution = "720p", generate_audio = false, callback_url = receiver.Url + "/slow" });
        var log = await WaitAsync(client, slow.Str("id"), d => d["attempt_log"]!.AsArray().Count >= 1);
        Assert.StartsWith("timeout", log["attempt_log"]![0]!.Str("error"));
    }

    [Fact]
    public async Task Validation_NamesTheParameter_AndStandardKeysAreRefused()
    {
        var client = await ServiceClientAsync(server);
        async Task<JsonNode> Error(object body) => (await (await client.PostAsJsonAsync("/v1/webhooks", body)).Json())["error"]!;
        Assert.Equal(("url", "missing_parameter"), ((await Error(new { })).Str("param"), (await Error(new { })).Str("code")));
        var ssrf = await Error(new { url = "https://user:pw@example.com/hook" }); // the server under test allows private networks
        Assert.Equal(("url", "invalid_callback_url"), (ssrf.Str("param"), ssrf.Str("code")));
        var events = await Error(new { url = receiver.Url, events = new[] { "video.exploded" } });
        Assert.Equal(("events", "invalid_enum"), (events.Str("param"), events.Str("code")));
        Assert.Equal("nope", (await Error(new { url = receiver.Url, nope = 1 })).Str("param"));
        var limit = await (await client.GetAsync("/v1/webhooks/deliveries?limit=0")).Json();
        Assert.Equal("limit", limit["error"]!.Str("param"));
        var word = await (await client.GetAsync("/v1/webhooks/deliveries?limit=abc")).Json();
        Assert.Equal(("limit", "out_of_range"), (word["error"]!.Str("param"), word["error"]!.Str("code")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/v1/webhooks/deliveries/msg_nope/redeliver", null)).StatusCode);

        var standard = await server.NewAccountAsync("std");
        var refused = await standard.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("role_forbidden", (await refused.Json())["error"]!.Str("code"));
    }

    [Fact]
    public async Task UsageThreshold_IsDelivered_ToSubscribedEndpoints()
    {
        // 50 monthly credits, alert at 80 % = 40; each task costs 4 s × 5.76 = 23.04.
        var (accountId, client) = await Billing.Accounts.CreateAsync(server, "alerts", role: "service");
        await client.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url, events = new[] { "usage.threshold" } });
        var first = (await client.CreateVideoAsync(Fast)).Str("id");
        // The threshold is recorded in the submit's own transaction: none was, so none is sent.
        Assert.Empty(await DeliveriesAsync(client, ""));
        var second = (await client.CreateVideoAsync(Fast)).Str("id");
        await receiver.WaitForAsync(r => r.Any(x => x.Type == "usage.threshold"));
        // Both tasks ended (a video event would have been written then) and the one delivery is settled.
        Assert.Equal("completed", (await client.WaitAsync(first)).Str("status"));
        Assert.Equal("completed", (await client.WaitAsync(second)).Str("status"));
        await Signals.UntilAsync(async () => (await DeliveriesAsync(client, "")) is var rows && rows.Count == 1 && rows[0]!.Str("status") == "succeeded",
            "the usage.threshold delivery recorded as succeeded, and no other delivery");
        var ev = Assert.Single(receiver.Requests, r => r.Type == "usage.threshold").Json;
        Assert.Equal(accountId, ev["data"]!.Str("account_id"));
        Assert.DoesNotContain(receiver.Requests, r => r.Type != "usage.threshold");
    }

    /// The caller's delivery rows (newest first), e.g. filtered with "task_id=…".
    static async Task<JsonArray> DeliveriesAsync(HttpClient client, string query) =>
        (await (await client.GetAsync($"/v1/webhooks/deliveries?{query}")).Json())["data"]!.AsArray();

    static Task<JsonNode> WaitDeliveryAsync(HttpClient client, string taskId, string status) =>
        WaitAsync(client, taskId, d => d.Str("status") == status);

    static async Task<JsonNode> WaitAsync(HttpClient client, string taskId, Func<JsonNode, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var list = await (await client.GetAsync($"/v1/webhooks/deliveries?task_id={taskId}")).Json();
            if (list["data"]!.AsArray().FirstOrDefault() is { } d && until(d)) return d;
            await Task.Delay(100);
        }
        throw new TimeoutException($"delivery of {taskId} never matched");
    }
}
