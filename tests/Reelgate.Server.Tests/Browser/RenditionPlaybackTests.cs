using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Browser;

/// Every MP4 and WebM rendition of a task plays in a plain Chromium `<video>` from its signed
/// download link: past 2 s, no error event. A codec this Chromium cannot decode is skipped, with
/// the reason (ChromiumDecodes).
public sealed class RenditionPlaybackTests(RenditionServer renditions) : IClassFixture<RenditionServer>
{
    [ChromiumDecodes("h264")]
    public async Task H264_1080p30_Plays() => await PlaysAsync("h264_1080p30");

    [ChromiumDecodes("h264")]
    public async Task H264_1080p60_Plays() => await PlaysAsync("h264_1080p60");

    [ChromiumDecodes("h264")]
    public async Task H264_720p30_Plays() => await PlaysAsync("h264_720p30");

    [ChromiumDecodes("hevc")]
    public async Task Hevc_2160p60_Plays() => await PlaysAsync("hevc_2160p60");

    [ChromiumDecodes("av1")]
    public async Task Av1_2160p60_Plays() => await PlaysAsync("av1_2160p60");

    [ChromiumDecodes("vp9")]
    public async Task Vp9_1080p30_WebM_Plays() => await PlaysAsync("vp9_1080p30");

    async Task PlaysAsync(string name)
    {
        var entry = (await renditions.TaskAsync())["outputs"]![0]!["renditions"]!.AsArray().Single(r => r!.Str("name") == name)!;
        Assert.True(entry.Str("status") == "completed", entry.ToJsonString());
        await Chromium.AssertPlaysAsync("video", entry.Str("download_url"));
    }
}

/// One task on a server of its own with every rendition this Chromium can decode (the others are
/// not encoded: 4K HEVC costs minutes on two cores for a test that is skipped anyway).
public sealed class RenditionServer : IAsyncLifetime
{
    readonly ServerProcess server = new();
    Task<System.Text.Json.Nodes.JsonNode>? task;

    public Task<System.Text.Json.Nodes.JsonNode> TaskAsync() => task ??= MakeAsync();

    async Task<System.Text.Json.Nodes.JsonNode> MakeAsync()
    {
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        string[] names = ["h264_1080p30", "h264_1080p60", "h264_720p30", "hevc_2160p60", "av1_2160p60", "vp9_1080p30"];
        var wanted = names.Where(n => ChromiumDecodesAttribute.Decodes(n.Split('_')[0])).ToArray();
        var id = (await api.CreateVideoAsync(new { prompt = "a kite over a beach, steady pan", duration = 4, renditions = wanted })).Str("id");
        return await api.WaitAsync(id, seconds: 600);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => server.DisposeAsync().AsTask();
}
