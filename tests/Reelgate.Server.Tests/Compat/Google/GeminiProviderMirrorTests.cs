using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Google;

/// The surface is the mirror of our own Gemini adapter: a second server whose Gemini provider
/// points at the shared server's /v1beta (with a key of it) renders a task there and downloads
/// the result through the operation's file uri.
[Collection(SharedServerCollection.Name)]
public sealed class GeminiProviderMirrorTests(SharedServer shared)
{
    [Fact]
    public async Task GeminiProvider_PointedAtOurGeminiSurface_CompletesWithARealVideo()
    {
        var key = (await (await shared.Server.Admin.PostAsJsonAsync("/v1/keys", new { name = "gemini-mirror" })).Json()).Str("secret");
        await using var front = new ServerProcess(new()
        {
            ["Providers__Gemini__Enabled"] = "true", ["Providers__Gemini__BaseUrl"] = shared.Server.BaseUrl.ToString().TrimEnd('/'),
            ["Providers__Gemini__ApiKey"] = key, ["Providers__Gemini__PollSeconds"] = "0.3", ["Providers__Gemini__MaxPollSeconds"] = "0.5",
        });
        await front.StartAsync();
        var client = await front.NewAccountAsync();

        var created = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "a windmill turning slowly", duration = 4, seed = 77 });
        var done = await client.WaitAsync(created.Str("id"));

        Assert.Equal(("completed", "gemini"), (done.Str("status"), done.Str("provider")));
        var probe = await Ffprobe.ProbeAsync(await client.GetByteArrayAsync(done["outputs"]![0]!.Str("url")));
        Assert.Equal(("h264", 1280), (probe.Stream("video")!.Str("codec_name"), probe.Stream("video")!["width"]!.GetValue<int>()));
        // The upstream side: one task through the Gemini dialect, with the seed our adapter sent.
        var upstream = await (await shared.Server.ClientFor(key).GetAsync("/v1/videos?limit=5")).Json();
        var task = Assert.Single(upstream["data"]!.AsArray())!;
        Assert.Equal(("gemini", 77u), (task.Str("dialect"), task["seed"]!.GetValue<uint>()));
    }
}
