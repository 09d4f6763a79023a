using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;
using static Reelgate.Server.Tests.Sequels.ExtendLocalTests;

namespace Reelgate.Server.Tests.Sequels;

/// Who serves a sequel, through real servers and the loopback upstreams (Support/FakeUpstreams):
/// the OpenAI-style upstream remixes a video it made; a Gemini-only server refuses what Veo
/// cannot extend (1080p, other than 7 s) and any remix, with 400 `unsupported_by_providers`.
public sealed class SequelRoutingTests : IAsyncLifetime
{
    FakeUpstreams upstream = null!;
    ServerProcess server = null!;
    ServerProcess geminiOnly = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstreams.StartAsync();
        // Only Veo 3.1 Fast goes to the OpenAI-style upstream; every other model renders locally here.
        server = new ServerProcess(new()
        {
            ["Providers__OpenAiCompatible__Enabled"] = "true", ["Providers__OpenAiCompatible__BaseUrl"] = upstream.Url,
            ["Providers__OpenAiCompatible__ApiKey"] = "openai-test-key-not-secret", ["Providers__OpenAiCompatible__PollSeconds"] = "0.2",
            ["Providers__OpenAiCompatible__MaxPollSeconds"] = "0.5", ["Providers__OpenAiCompatible__Models__veo-3.1-fast-generate-preview"] = "sora-2",
        });
        await server.StartAsync();
        // The same database, with Gemini as the only provider: it serves every Veo model there.
        geminiOnly = server.Sibling(new()
        {
            ["Roles"] = "api", ["Providers__OpenAiCompatible__Enabled"] = "false",
            ["Providers__Gemini__Enabled"] = "true", ["Providers__Gemini__BaseUrl"] = upstream.Url, ["Providers__Gemini__ApiKey"] = "gemini-test-key-not-secret",
        });
        await geminiOnly.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await geminiOnly.DisposeAsync();
        await server.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task Remix_OfAVideoTheOpenAiUpstreamMade_IsThatUpstreamsRemixOfItsOwnVideo()
    {
        var client = await server.NewAccountAsync();
        var parent = await CompletedAsync(client, Parent4s);
        Assert.Equal("openai-compatible", parent.Str("provider"));
        var upstreamParent = upstream.Requests.First(r => r.StartsWith("GET /v1/videos/video_up", StringComparison.Ordinal) && !r.EndsWith("/content"))
            ["GET /v1/videos/".Length..];

        var res = await client.PostAsJsonAsync($"/v1/videos/{parent.Str("id")}/remix", new { prompt = "now in the snow" });
        var created = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.Accepted, created.ToJsonString());
        var done = await client.WaitAsync(created.Str("id"));

        Assert.True(done.Str("status") == "completed", done.ToJsonString());
        Assert.Equal(("openai-compatible", false, parent.Str("id")), (done.Str("provider"), done["preview"]!.GetValue<bool>(), done.Str("remixed_from_video_id")));
        var body = JsonNode.Parse(upstream.Bodies[$"POST /v1/videos/{upstreamParent}/remix"])!;
        Assert.Equal("now in the snow", body["prompt"]!.GetValue<string>());
        Assert.Equal(1, upstream.Count("POST /v1/videos/video_up"));
    }

    [Fact]
    public async Task OnAGeminiOnlyServer_A1080pExtension_AnyLengthBut7_AndARemixOfALocalVideo_Return400()
    {
        var local = await server.NewAccountAsync();
        var parent = await CompletedAsync(local, new { model = "veo3.1", prompt = "a square of light", duration = 8, resolution = "1080p", aspect_ratio = "1:1", generate_audio = false });
        Assert.Equal("local", parent.Str("provider"));
        var client = geminiOnly.ClientFor(local.DefaultRequestHeaders.Authorization!.Parameter!);

        async Task Refused(string verb, object body, string param, string? id = null)
        {
            var res = await client.PostAsJsonAsync($"/v1/videos/{id ?? parent.Str("id")}/{verb}", body);
            var error = (await res.Json())["error"]!;
            Assert.True(res.StatusCode == HttpStatusCode.BadRequest, error.ToJsonString());
            Assert.Equal(("unsupported_by_providers", param), (error.Str("code"), error.Str("param")));
        }

        await Refused("extend", new { prompt = "further", seconds = 7 }, "resolution");
        await Refused("remix", new { prompt = "again" }, "generation_type");
        var hd720 = await CompletedAsync(local, new { model = "veo3.1", prompt = "a lighthouse", duration = 4, resolution = "720p", generate_audio = false });
        await Refused("extend", new { prompt = "further", seconds = 5 }, "seconds", hd720.Str("id"));
        Assert.Equal(0, upstream.Count("POST /v1beta"));
    }
}
