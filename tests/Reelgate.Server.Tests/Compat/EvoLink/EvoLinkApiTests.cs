using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.EvoLink;

/// Seed 004 through a real server: EvoLink's examples (host and key changed) followed through
/// GET /v1/tasks/{task_id} to an MP4 fetched from `results` without a key; image_urls; the
/// callback on completion and cancellation (Standard Webhooks, verified from the spec); errors.
public sealed class EvoLinkApiTests : IAsyncLifetime
{
    readonly ServerProcess server = new(Webhooks.WebhookDeliveryTests.Settings(new() { ["Providers__Fake__LatencyMs"] = "1000" }));
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

    [Fact]
    public async Task DocExample_IsQueried_ToAResultThatNeedsNoKey()
    {
        var client = await server.NewAccountAsync();
        const string example = """
            {
              "model": "veo-3.1-fast-generate-preview",
              "prompt": "A cat playing piano"
            }
            """;
        using var req = new HttpRequestMessage(HttpMethod.Post, "/v1/videos/generations") { Content = new StringContent(example, null, "application/json") };
        req.Headers.Add("Idempotency-Key", "evolink-once");
        var res = await client.SendAsync(req);
        var task = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.OK, task.ToJsonString());
        Assert.Equal(("video.generation.task", "pending", "veo-3.1-fast-generate-preview", "video"), (task.Str("object"), task.Str("status"), task.Str("model"), task.Str("type")));
        var info = task["task_info"]!;
        Assert.Equal((4, "720p", true, "TEXT"), (info["video_duration"]!.GetValue<int>(), info.Str("quality"), info["generate_audio"]!.GetValue<bool>(), info.Str("generation_type")));
        var id = task.Str("id");

        using var again = new HttpRequestMessage(HttpMethod.Post, "/v1/videos/generations") { Content = new StringContent(example, null, "application/json") };
        again.Headers.Add("Idempotency-Key", "evolink-once");
        var replay = await client.SendAsync(again);
        Assert.Equal(id, (await replay.Json()).Str("id"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        var done = await UntilEndedAsync(client, id);
        Assert.Equal(("completed", 100, false), (done.Str("status"), done["progress"]!.GetValue<int>(), done["task_info"]!["can_cancel"]!.GetValue<bool>()));
        using var anonymous = new HttpClient();
        Assert.NotNull((await Ffprobe.ProbeAsync(await anonymous.GetByteArrayAsync(done["results"]![0]!.GetValue<string>()))).Stream("video"));
        Assert.Equal("evolink", (await (await client.GetAsync($"/v1/videos/{id}")).Json()).Str("dialect"));
    }

    [Fact]
    public async Task SeedExampleValues_CallBackOnCompletion_WithTheTaskObject_Signed()
    {
        var (_, client) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000, role: "service"); // may read its callback secret
        var secret = (await (await client.PostAsync("/v1/webhooks/callback_secret", null)).Json()).Str("secret");
        // Every example value of seed 004's parameter table; the callback host is ours (image_urls
        // has its own test: its example cannot go with TEXT).
        var example = new JsonObject
        {
            ["model"] = "veo-3.1-fast-generate-preview", ["prompt"] = "A cat playing piano", ["aspect_ratio"] = "auto",
            ["generation_type"] = "TEXT", ["enhance_prompt"] = true, ["callback_url"] = receiver.Url, ["quality"] = "720p",
            ["duration"] = 4, ["generate_audio"] = true, ["n"] = 1, ["negative_prompt"] = "blurry, low quality", ["seed"] = 12345,
            ["person_generation"] = "allow_adult", ["resize_mode"] = "pad",
        };
        var task = await Created(await client.PostJson("/v1/videos/generations", example.ToJsonString()));
        var id = task.Str("id");
        var hooks = await receiver.WaitForAsync(r => r.Any(x => x.Json["id"]?.GetValue<string>() == id));
        var hook = hooks.Single(x => x.Json["id"]?.GetValue<string>() == id);
        Assert.True(WebhookReceiver.Verifies(hook, secret));
        Assert.Equal(("completed", "video.generation.task"), (hook.Json.Str("status"), hook.Json.Str("object")));
        using var anonymous = new HttpClient();
        Assert.NotNull((await Ffprobe.ProbeAsync(await anonymous.GetByteArrayAsync(hook.Json["results"]![0]!.GetValue<string>()))).Stream("video"));
    }

    [Fact]
    public async Task Cancelled_CallsBackAsFailedWithRequestCancelled()
    {
        var (_, client) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000, role: "service"); // may read its callback secret
        var secret = (await (await client.PostAsync("/v1/webhooks/callback_secret", null)).Json()).Str("secret");
        var id = (await Created(await client.PostJson("/v1/videos/generations",
            new JsonObject { ["prompt"] = "to be cancelled", ["callback_url"] = receiver.Url }.ToJsonString()))).Str("id");
        Assert.Equal("cancelled", (await (await client.DeleteAsync($"/v1/videos/{id}")).Json()).Str("status"));
        var hooks = await receiver.WaitForAsync(r => r.Any(x => x.Json["id"]?.GetValue<string>() == id));
        var hook = hooks.Single(x => x.Json["id"]?.GetValue<string>() == id);
        Assert.True(WebhookReceiver.Verifies(hook, secret));
        Assert.Equal(("failed", "request_cancelled"), (hook.Json.Str("status"), hook.Json["error"]!.Str("code")));
        Assert.Equal("request_cancelled", (await (await client.GetAsync($"/v1/tasks/{id}")).Json())["error"]!.Str("code"));
    }

    [Fact]
    public async Task ImageUrls_FirstAndLast_AndReference()
    {
        var client = await server.NewAccountAsync();
        await using var first = await ImageHost.StartAsync(await Ffprobe.MakeImageAsync(1280, 720, "png"));
        await using var last = await ImageHost.StartAsync(await Ffprobe.MakeImageAsync(1280, 720, "jpg"));
        var frames = await Created(await client.PostJson("/v1/videos/generations",
            new JsonObject { ["prompt"] = "from dawn to dusk", ["image_urls"] = new JsonArray(first.Url, last.Url) }.ToJsonString()));
        // FIRST&LAST renders at 8 s only: the default 4 is moved, and the answer says so.
        Assert.Equal(("FIRST&LAST", 8, "16:9"), (frames["task_info"]!.Str("generation_type"), frames["task_info"]!["video_duration"]!.GetValue<int>(), frames["task_info"]!.Str("aspect_ratio")));
        var reference = await Created(await client.PostJson("/v1/videos/generations", new JsonObject
        {
            ["prompt"] = "in this style", ["generation_type"] = "REFERENCE", ["image_urls"] = new JsonArray(first.Url, last.Url, first.Url),
        }.ToJsonString()));
        Assert.Equal("REFERENCE", reference["task_info"]!.Str("generation_type"));
        foreach (var id in new[] { frames.Str("id"), reference.Str("id") })
            Assert.Equal("completed", (await UntilEndedAsync(client, id)).Str("status"));

        var portrait = await client.PostJson("/v1/videos/generations", new JsonObject
        {
            ["prompt"] = "x", ["generation_type"] = "REFERENCE", ["aspect_ratio"] = "9:16", ["image_urls"] = new JsonArray(first.Url),
        }.ToJsonString());
        await AssertError(portrait, HttpStatusCode.BadRequest, "invalid_request_error", "aspect_ratio");
    }

    [Fact]
    public async Task Errors_AreInEvoLinksEnvelope()
    {
        var client = await server.NewAccountAsync();
        await AssertError(await client.PostJson("/v1/videos/generations", """{"prompt":"x","duration":5}"""), HttpStatusCode.BadRequest, "invalid_request_error", "duration");
        await AssertError(await client.GetAsync("/v1/tasks/video_nope"), HttpStatusCode.NotFound, "not_found_error", "task_id");
        using var anonymous = new HttpClient { BaseAddress = server.BaseUrl };
        await AssertError(await anonymous.PostJson("/v1/videos/generations", """{"prompt":"x"}"""), HttpStatusCode.Unauthorized, "authentication_error", "Authorization");
        var (_, broke) = await Billing.Accounts.CreateAsync(server, "metered", credits: 0);
        var body = await AssertError(await broke.PostJson("/v1/videos/generations", """{"prompt":"x"}"""), HttpStatusCode.PaymentRequired, "insufficient_quota_error", null);
        Assert.Equal("insufficient_credits", body["error"]!.Str("reelgate_code"));
    }

    static async Task<JsonNode> Created(HttpResponseMessage res)
    {
        var body = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    static async Task<JsonNode> AssertError(HttpResponseMessage res, HttpStatusCode status, string type, string? param)
    {
        var body = await res.Json();
        Assert.True(res.StatusCode == status, body.ToJsonString());
        var error = body["error"]!;
        Assert.Equal(((int)status, type, param), (error["code"]!.GetValue<int>(), error.Str("type"), error["param"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
        return body;
    }

    static async Task<JsonNode> UntilEndedAsync(HttpClient client, string id)
    {
        JsonNode task = null!;
        await Signals.UntilAsync(async () =>
        {
            task = await (await client.GetAsync($"/v1/tasks/{id}")).Json();
            return task.Str("status") is "completed" or "failed";
        }, $"task {id} ended", seconds: 120);
        return task;
    }
}
