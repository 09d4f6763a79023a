using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Worker;

public sealed class FakeProviderTests
{
    [Fact]
    public async Task FakeProvider_CompletesThroughTheWholePipeline_AndNamesItself()
    {
        await using var server = new ServerProcess(new() { ["Providers__Fake__Enabled"] = "true", ["Providers__Fake__LatencyMs"] = "200" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var task = await api.CreateVideoAsync(new { prompt = "pipeline only", duration = 8, n = 2 });
        var done = await api.WaitAsync(task.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal("fake", done.Str("provider"));
        Assert.False(done["preview"]!.GetValue<bool>());
        Assert.Equal(2, done["outputs"]!.AsArray().Count);
        var probe = await Ffprobe.ProbeAsync(await api.GetByteArrayAsync(done["outputs"]![1]!.Str("url")));
        // The fake delivers what was asked, so the output check passes.
        var video = probe.Stream("video")!;
        Assert.Equal(done.Str("size"), $"{video["width"]}x{video["height"]}");
        Assert.Null(done["downgrade"]);
    }
}
