using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Veo3o1;

/// Seed 003 through a real server: its own curl examples (host and key changed), followed through
/// video-status to an MP4 fetched from videoUrl without a key; upload → generate; its error codes.
public sealed class Veo3o1ApiTests : IAsyncLifetime
{
    readonly ServerProcess server = new(Billing.Accounts.Tiers(new() { ["Providers__Fake__Enabled"] = "true", ["Providers__Fake__LatencyMs"] = "100" }));

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    const string SeedExample = """
        {
        "generationType": "text_to_video",
        "prompt": "A beautiful sunset over the ocean with waves gently lapping the shore",
        "aspectRatio": "16:9"
        }
        """;

    [Fact]
    public async Task SeedExample_IsQueued_PolledToCompleted_AndItsVideoUrlNeedsNoKey()
    {
        var client = await server.NewAccountAsync();
        var res = await client.PostJson("/api/generate-video", SeedExample);
        var body = await res.Json();
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal((0, "Success"), (body["code"]!.GetValue<int>(), body.Str("msg")));
        var data = body["data"]!;
        Assert.Equal(("pending", "text_to_video", "16:9"), (data.Str("status"), data.Str("generationType"), data.Str("aspectRatio")));
        Assert.Equal("A beautiful sunset over the ocean with waves gently lapping the shore", data.Str("prompt"));
        Assert.True(DateTimeOffset.TryParse(data.Str("createdAt"), out _));
        var uuid = data.Str("uuid");

        var status = await UntilEndedAsync(client, uuid);
        Assert.Equal(("completed", 100, 0), (status.Str("status"), status["progress"]!.GetValue<int>(), status["estimatedTime"]!.GetValue<int>()));
        using var anonymous = new HttpClient();
        var mp4 = await anonymous.GetByteArrayAsync(status.Str("videoUrl"));
        Assert.NotNull((await Ffprobe.ProbeAsync(mp4)).Stream("video"));
        Assert.Equal("veo3o1", (await (await client.GetAsync($"/v1/videos/{uuid}")).Json()).Str("dialect"));
    }

    [Fact]
    public async Task Generate_WithAnIdempotencyKey_ReplaysTheSameAnswer()
    {
        var client = await server.NewAccountAsync();
        async Task<HttpResponseMessage> Post()
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/api/generate-video") { Content = new StringContent(SeedExample, null, "application/json") };
            req.Headers.Add("Idempotency-Key", "veo3o1-once");
            return await client.SendAsync(req);
        }
        var first = await Post();
        var again = await Post();
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Upload_ThenGenerate_WithImageKeyAndWithImageUrl()
    {
        var client = await server.NewAccountAsync();
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(await Ffprobe.MakeImageAsync(720, 1280, "jpg"));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(image, "file", "image.jpg");
        var upload = await (await client.PostAsync("/api/upload-video-image", form)).Json();
        Assert.Equal((0, "Upload successful"), (upload["code"]!.GetValue<int>(), upload.Str("msg")));
        var (url, key) = (upload["data"]!.Str("imageUrl"), upload["data"]!.Str("imageKey"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        foreach (var request in new[]
        {
            new JsonObject { ["generationType"] = "image_to_video", ["prompt"] = "the picture comes alive", ["imageUrl"] = url, ["imageKey"] = key },
            new JsonObject { ["generationType"] = "image_to_video", ["prompt"] = "the picture comes alive", ["imageUrl"] = url },
        })
        {
            var created = await (await client.PostJson("/api/generate-video", request.ToJsonString())).Json();
            Assert.Equal(0, created["code"]!.GetValue<int>());
            // auto follows the portrait upload
            Assert.Equal(("image_to_video", "9:16"), (created["data"]!.Str("generationType"), created["data"]!.Str("aspectRatio")));
            var id = created["data"]!.Str("uuid");
            Assert.Equal("completed", (await UntilEndedAsync(client, id)).Str("status"));
            // Both spellings name the uploaded file itself: nothing was fetched or stored again.
            var native = await (await client.GetAsync($"/v1/videos/{id}")).Json();
            Assert.Equal(key, native["images"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Errors_AreTheSeedsCodes()
    {
        var client = await server.NewAccountAsync();
        var bad = await client.PostJson("/api/generate-video", """{"generationType":"text_to_video"}""");
        await AssertError(bad, HttpStatusCode.BadRequest, 1000, "prompt");
        await AssertError(await client.GetAsync("/api/video-status/video_nope"), HttpStatusCode.NotFound, 1000, "uuid");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Files.TestImages.Text), "file", "notes.txt" } };
        await AssertError(await client.PostAsync("/api/upload-video-image", form), HttpStatusCode.BadRequest, 1000, "file");

        using var anonymous = new HttpClient { BaseAddress = server.BaseUrl };
        await AssertError(await anonymous.PostJson("/api/generate-video", SeedExample), HttpStatusCode.Unauthorized, 1002, "Authorization");

        var (_, broke) = await Billing.Accounts.CreateAsync(server, "metered", credits: 0);
        var poor = await broke.PostJson("/api/generate-video", SeedExample);
        var body = await AssertError(poor, HttpStatusCode.PaymentRequired, 1001, null);
        Assert.True(body["data"]!["required"]!.GetValue<decimal>() > 0);
        Assert.Equal(0m, body["data"]!["current"]!.GetValue<decimal>());
    }

    static async Task<JsonNode> AssertError(HttpResponseMessage res, HttpStatusCode status, int code, string? param)
    {
        var body = await res.Json();
        Assert.True(res.StatusCode == status, body.ToJsonString());
        Assert.Equal(code, body["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body.Str("msg")));
        Assert.Equal(param, body["data"]!["param"]?.GetValue<string>());
        Assert.NotNull(body["data"]!["error"]);
        return body;
    }

    static async Task<JsonNode> UntilEndedAsync(HttpClient client, string uuid)
    {
        JsonNode data = null!;
        await Signals.UntilAsync(async () =>
        {
            var body = await (await client.GetAsync($"/api/video-status/{uuid}")).Json();
            Assert.Equal(0, body["code"]!.GetValue<int>());
            data = body["data"]!;
            return data.Str("status") is "completed" or "failed";
        }, $"task {uuid} ended", seconds: 120);
        return data;
    }
}
