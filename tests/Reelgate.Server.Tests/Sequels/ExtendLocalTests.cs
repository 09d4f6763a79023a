using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Sequels;

/// POST /v1/videos/{id}/extend on the local engine: the continuation starts from the parent's last
/// frame, and the output is the whole video (parent + added seconds) at the parent's size.
[Collection(SharedServerCollection.Name)]
public sealed class ExtendLocalTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    internal static readonly object Parent4s = new { model = "veo3.1-fast", prompt = "a paper boat on a canal", duration = 4, resolution = "720p", generate_audio = false };

    internal static async Task<JsonNode> CompletedAsync(HttpClient client, object request)
    {
        var done = await client.WaitAsync((await client.CreateVideoAsync(request)).Str("id"));
        Assert.True(done.Str("status") == "completed", done.ToJsonString());
        return done;
    }

    internal static async Task<JsonNode> ProbeOutputAsync(HttpClient client, JsonNode task) =>
        await Ffprobe.ProbeAsync(await client.GetByteArrayAsync(task["outputs"]![0]!.Str("url")));

    static double Seconds(JsonNode probe) => double.Parse(probe["format"]!.Str("duration"), CultureInfo.InvariantCulture);

    async Task<JsonNode> ExtendAsync(HttpClient client, string id, int seconds, string prompt)
    {
        var res = await client.PostAsJsonAsync($"/v1/videos/{id}/extend", new { prompt, seconds });
        var created = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.Accepted, created.ToJsonString());
        Assert.Equal(id, created.Str("extended_from_video_id"));
        Assert.Equal("extend", created.Str("generation_type"));
        var done = await client.WaitAsync(created.Str("id"));
        Assert.True(done.Str("status") == "completed", done.ToJsonString());
        return done;
    }

    [Fact]
    public async Task Extend_OnTheLocalEngine_DeliversParentPlusAddedSeconds_AtTheParentsSize_AndChains()
    {
        var client = await server.NewAccountAsync();
        var parent = await CompletedAsync(client, Parent4s);

        var first = await ExtendAsync(client, parent.Str("id"), 4, "the boat drifts under a bridge");
        var probe = await ProbeOutputAsync(client, first);
        var video = probe.Stream("video")!;
        Assert.Equal((1280, 720), (video["width"]!.GetValue<int>(), video["height"]!.GetValue<int>()));
        Assert.InRange(Seconds(probe), 8 - 1 / 24.0, 8 + 1 / 24.0);
        Assert.True(first["preview"]!.GetValue<bool>());
        // Billed for the added seconds: 4 s of the same model, as the 4 s parent.
        Assert.Equal(parent["credits"]!.GetValue<decimal>(), first["credits"]!.GetValue<decimal>());
        Assert.Null(first["remixed_from_video_id"]?.GetValue<string>());

        var second = await ExtendAsync(client, first.Str("id"), 5, "and out into the harbour");
        var chained = await ProbeOutputAsync(client, second);
        Assert.InRange(Seconds(chained), 13 - 1 / 24.0, 13 + 1 / 24.0);
        Assert.Equal(1280, chained.Stream("video")!["width"]!.GetValue<int>());
    }

    [Fact]
    public async Task Extend_OfAVideoWithAudio_KeepsAudioThroughTheJoin()
    {
        var client = await server.NewAccountAsync();
        var parent = await CompletedAsync(client, new { model = "veo3.1-fast", prompt = "waves on a pebble beach", duration = 4, resolution = "720p", generate_audio = true });

        var extended = await ExtendAsync(client, parent.Str("id"), 4, "the tide comes in");

        var probe = await ProbeOutputAsync(client, extended);
        Assert.NotNull(probe.Stream("audio"));
        Assert.InRange(Seconds(probe), 8 - 0.1, 8 + 0.1);
        Assert.True(extended["generate_audio"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public async Task Extend_ByAnUnsupportedLength_Returns400NamingSeconds(int seconds)
    {
        var client = await server.NewAccountAsync();
        var parent = await CompletedAsync(client, Parent4s);
        var res = await client.PostAsJsonAsync($"/v1/videos/{parent.Str("id")}/extend", new { prompt = "more", seconds });
        var body = await res.Json();
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("seconds", body["error"]!.Str("param"));
    }

    [Fact]
    public async Task ExtendAndRemix_OfAnotherAccountsOrUnfinishedVideo_Return404Or409()
    {
        var owner = await server.NewAccountAsync();
        var parent = await CompletedAsync(owner, Parent4s);
        var stranger = await server.NewAccountAsync();
        foreach (var verb in new[] { "extend", "remix" })
        {
            var res = await stranger.PostAsJsonAsync($"/v1/videos/{parent.Str("id")}/{verb}", new { prompt = "mine now" });
            Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        }

        var queued = await owner.CreateVideoAsync(Parent4s);
        var cancelled = await (await owner.DeleteAsync($"/v1/videos/{queued.Str("id")}")).Json();
        Assert.Equal("cancelled", cancelled.Str("status"));
        foreach (var verb in new[] { "extend", "remix" })
        {
            var res = await owner.PostAsJsonAsync($"/v1/videos/{queued.Str("id")}/{verb}", new { prompt = "go on" });
            Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
            Assert.Equal("video_not_ready", (await res.Json())["error"]!.Str("code"));
        }
    }
}
