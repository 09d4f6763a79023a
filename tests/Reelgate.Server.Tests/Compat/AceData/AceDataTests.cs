using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.AceData;

/// Seed 002 through a real server: the seed's own requests (only host and key changed), the
/// result read without a key, callbacks, task lookup, get_1080p, errors and idempotency.
public sealed partial class AceDataTests(AceDataServer fixture) : IClassFixture<AceDataServer>
{
    readonly ServerProcess server = fixture.Server;

    // The seed's curl body, verbatim.
    const string SeedTextBody = """
        {
        "action": "text2video",
        "model": "veo2",
        "prompt": "White ceramic coffee mug on glossy marble countertop with morning window light. Camera slowly rotates 360 degrees around the mug, pausing briefly at the handle."
        }
        """;

    internal static async Task<string> NewKeyAsync(ServerProcess server, string role = "standard")
    {
        var res = await server.Admin.PostAsJsonAsync("/v1/keys", new { name = "acedata", role });
        var body = await res.Json();
        Assert.True(res.IsSuccessStatusCode, body.ToJsonString());
        return body.Str("secret");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex SeedTime();

    internal static void AssertSucceeded(JsonNode result, int videos = 1)
    {
        Assert.True(result["success"]!.GetValue<bool>(), result.ToJsonString());
        Assert.False(string.IsNullOrEmpty(result.Str("trace_id")));
        var data = result["data"]!.AsArray();
        Assert.Equal(videos, data.Count);
        foreach (var v in data.Select(n => n!))
        {
            Assert.Equal("succeeded", v.Str("state"));
            Assert.StartsWith(result.Str("task_id") + ":", v.Str("id"));
            Assert.Matches(SeedTime(), v.Str("created_at"));
            Assert.Matches(SeedTime(), v.Str("complete_at"));
        }
    }

    /// The link works with no key at all: a plain client, as a browser or curl would fetch it.
    internal static async Task<JsonNode> ProbeWithoutKeyAsync(string url)
    {
        using var anonymous = new HttpClient();
        var res = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await Ffprobe.ProbeAsync(await res.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SeedTextExample_WaitsForTheResult_WhoseVideoDownloadsWithoutAKey_AndIsADialectTaskNatively()
    {
        var key = await NewKeyAsync(server);
        using var client = fixture.Client(key);
        var res = await client.PostJson("/veo/videos", SeedTextBody);
        var result = await res.Json();
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        AssertSucceeded(result);
        Assert.Equal(res.Headers.GetValues("X-Request-Id").Single(), result.Str("trace_id"));
        var probe = await ProbeWithoutKeyAsync(result["data"]![0]!.Str("video_url"));
        Assert.NotNull(probe.Stream("video"));

        var native = await (await server.ClientFor(key).GetAsync($"/v1/videos/{result.Str("task_id")}")).Json();
        Assert.Equal("acedata", native.Str("dialect"));
        Assert.Equal("text", native.Str("generation_type"));
    }

    [Fact]
    public async Task SeedImageExample_AndFirstPlusLastFrames_RenderFromImageUrls()
    {
        await using var host = await ImageHost.StartAsync(await Ffprobe.MakeImageAsync(640, 360, "png"));
        var key = await NewKeyAsync(server);
        using var client = fixture.Client(key);
        // The seed's Python payload; only the image's host differs.
        var res = await client.PostAsJsonAsync("/veo/videos", new Dictionary<string, object>
        {
            ["action"] = "image2video", ["model"] = "veo2", ["prompt"] = "Let it dance", ["image_urls"] = new[] { host.Url },
        });
        AssertSucceeded(await res.Json());

        var both = await (await client.PostAsJsonAsync("/veo/videos", new
        {
            action = "image2video", model = "veo2", prompt = "from one frame to the other", image_urls = new[] { host.Url, host.Url },
        })).Json();
        AssertSucceeded(both);
        var native = await (await server.ClientFor(key).GetAsync($"/v1/videos/{both.Str("task_id")}")).Json();
        Assert.Equal("first_last", native.Str("generation_type"));
        Assert.Equal(2, native["images"]!.AsArray().Count);
    }

    [Fact]
    public async Task WithCallbackUrl_AnswersTheTaskIdAtOnce_ThenPostsTheResultJson_Signed()
    {
        var key = await NewKeyAsync(server, "service");
        using var client = fixture.Client(key);
        var secret = (await (await client.PostAsync("/v1/webhooks/callback_secret", null)).Json()).Str("secret");
        var callback = $"{fixture.Receiver.Url}/acedata-{Guid.NewGuid():N}";
        var res = await client.PostAsJsonAsync("/veo/videos", new { action = "text2video", model = "veo3-fast", prompt = "a lighthouse at dusk", callback_url = callback });
        var accepted = await res.Json();
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(["task_id"], accepted.AsObject().Select(p => p.Key));
        var taskId = accepted.Str("task_id");

        var path = new Uri(callback).AbsolutePath;
        var got = (await fixture.Receiver.WaitForAsync(all => all.Any(r => r.Path == path))).First(r => r.Path == path);
        Assert.True(WebhookReceiver.Verifies(got, secret), $"signature {got.Signature} does not verify");
        var body = got.Json;
        Assert.Equal(taskId, body.Str("task_id"));
        AssertSucceeded(body);
        // The same JSON as the task's result, read through the lookup.
        var task = await (await client.PostAsJsonAsync("/veo/tasks", new { id = taskId })).Json();
        Assert.Equal(body["data"]!.ToJsonString(), task["response"]!["data"]!.ToJsonString());
        await ProbeWithoutKeyAsync(body["data"]![0]!.Str("video_url"));
    }

    [Fact]
    public async Task TaskLookup_Single_AndBatch_ShowOnlyTheCallersTasks()
    {
        var key = await NewKeyAsync(server);
        using var client = fixture.Client(key);
        var a = await (await client.PostJson("/veo/videos", SeedTextBody)).Json();
        var b = await (await client.PostAsJsonAsync("/veo/videos", new { action = "text2video", model = "veo3", prompt = "rain on a tin roof" })).Json();
        using var stranger = fixture.Client(await NewKeyAsync(server));
        var theirs = await (await stranger.PostJson("/veo/videos", SeedTextBody)).Json();

        var one = await (await client.PostAsJsonAsync("/veo/tasks", new { id = a.Str("task_id"), action = "retrieve" })).Json();
        Assert.Equal(a.Str("task_id"), one.Str("id"));
        Assert.Equal("text2video", one["request"]!.Str("action"));
        AssertSucceeded(one["response"]!);

        var batch = await (await client.PostAsJsonAsync("/veo/tasks", new
        {
            ids = new[] { a.Str("task_id"), b.Str("task_id"), theirs.Str("task_id") }, action = "retrieve_batch",
        })).Json();
        Assert.Equal(2, batch["count"]!.GetValue<int>());
        Assert.Equal([a.Str("task_id"), b.Str("task_id")], batch["items"]!.AsArray().Select(i => i!.Str("id")));

        var missing = await client.PostAsJsonAsync("/veo/tasks", new { id = theirs.Str("task_id") });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False((await missing.Json())["success"]!.GetValue<bool>());
    }
}
