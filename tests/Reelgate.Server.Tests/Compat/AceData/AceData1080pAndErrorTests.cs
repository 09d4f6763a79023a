using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;
using static Reelgate.Server.Tests.Compat.AceData.AceDataTests;

namespace Reelgate.Server.Tests.Compat.AceData;

/// get_1080p (an FFmpeg upscale, labelled so), AceData's error envelope and Idempotency-Key.
public sealed class AceData1080pAndErrorTests(AceDataServer fixture) : IClassFixture<AceDataServer>
{
    readonly ServerProcess server = fixture.Server;

    [Fact]
    public async Task Get1080p_OfAFinishedVideo_DeliversIt1920x1080_LabelledAsAnUpscale_AndOnlyForItsOwner()
    {
        var key = await NewKeyAsync(server);
        using var client = fixture.Client(key);
        var source = await (await client.PostAsJsonAsync("/veo/videos", new { action = "text2video", model = "veo3", prompt = "a red kite over the dunes" })).Json();
        AssertSucceeded(source);
        var videoId = source["data"]![0]!.Str("id");

        using var stranger = fixture.Client(await NewKeyAsync(server));
        var refused = await stranger.PostAsJsonAsync("/veo/videos", new { action = "get_1080p", model = "veo3", video_id = videoId });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("not_found", (await refused.Json())["error"]!.Str("code"));

        var res = await client.PostAsJsonAsync("/veo/videos", new { action = "get_1080p", model = "veo3", video_id = videoId });
        var hd = await res.Json();
        AssertSucceeded(hd);
        Assert.NotEqual(source.Str("task_id"), hd.Str("task_id"));
        var video = (await ProbeWithoutKeyAsync(hd["data"]![0]!.Str("video_url"))).Stream("video")!;
        Assert.Equal(1920, video["width"]!.GetValue<int>());
        Assert.Equal(1080, video["height"]!.GetValue<int>());

        var native = await (await server.ClientFor(key).GetAsync($"/v1/videos/{hd.Str("task_id")}")).Json();
        Assert.Equal("upscale", native.Str("generation_type"));
        Assert.Equal("ffmpeg", native.Str("provider"));
        Assert.Equal(source.Str("task_id"), native["upscaled_from"]!.Str("video_id"));
        Assert.Equal(0, native["upscaled_from"]!["index"]!.GetValue<int>());
        Assert.Equal("acedata", native.Str("dialect"));

        var task = await (await client.PostAsJsonAsync("/veo/tasks", new { id = hd.Str("task_id") })).Json();
        Assert.Equal("get_1080p", task["request"]!.Str("action"));
        Assert.Equal(videoId, task["request"]!.Str("video_id"));
    }

    static async Task AssertEnvelope(HttpResponseMessage res, HttpStatusCode status, string code)
    {
        var body = await res.Json();
        Assert.True(status == res.StatusCode, body.ToJsonString());
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal(code, body["error"]!.Str("code"));
        Assert.False(string.IsNullOrEmpty(body["error"]!.Str("message")));
        Assert.Equal(res.Headers.GetValues("X-Request-Id").Single(), body.Str("trace_id"));
    }

    [Fact]
    public async Task Errors_AreAceDataEnvelopes_ForBadRequest_MissingKey_AndInsufficientCredits()
    {
        using var client = fixture.Client(await NewKeyAsync(server));
        await AssertEnvelope(await client.PostAsJsonAsync("/veo/videos", new { model = "veo2", prompt = "no action" }), HttpStatusCode.BadRequest, "missing_parameter");
        await AssertEnvelope(await client.PostAsJsonAsync("/veo/videos", new { action = "dance", prompt = "p" }), HttpStatusCode.BadRequest, "api_not_implemented");
        await AssertEnvelope(await client.PostAsJsonAsync("/veo/videos", new { action = "image2video", model = "veo2", prompt = "p" }), HttpStatusCode.BadRequest, "invalid_image_count");
        await AssertEnvelope(await client.PostAsJsonAsync("/veo/videos", new { action = "text2video", model = "veo9", prompt = "p" }), HttpStatusCode.BadRequest, "unknown_model");

        using var anonymous = new HttpClient { BaseAddress = server.BaseUrl };
        await AssertEnvelope(await anonymous.PostAsJsonAsync("/veo/videos", new { action = "text2video", prompt = "p" }), HttpStatusCode.Unauthorized, "invalid_token");

        var (_, poor) = await Reelgate.Server.Tests.Billing.Accounts.CreateAsync(server, "metered", credits: 0);
        var res = await poor.PostAsJsonAsync("/veo/videos", new { action = "text2video", model = "veo2", prompt = "p" });
        await AssertEnvelope(res, HttpStatusCode.PaymentRequired, "insufficient_credits");
    }

    [Fact]
    public async Task IdempotencyKey_OnTheCreate_MakesOneTask()
    {
        using var client = fixture.Client(await NewKeyAsync(server));
        var idem = $"acedata-{Guid.NewGuid():N}";
        async Task<JsonNode> Create()
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/veo/videos")
            {
                Content = JsonContent.Create(new { action = "text2video", model = "veo2", prompt = "one task only", callback_url = fixture.Receiver.Url }),
            };
            req.Headers.Add("Idempotency-Key", idem);
            var res = await client.SendAsync(req);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            return await res.Json();
        }
        var first = await Create();
        var again = await Create();
        Assert.Equal(first.Str("task_id"), again.Str("task_id"));
    }
}
