using Reelgate.Server.Tests.Streaming;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Browser;

/// Proof in a real browser: Chromium plays a task's HLS through hls.js from its signed URL with no
/// key (from a page on another origin), and plays the task's MP4 in a plain `<video>`.
public sealed class BrowserPlaybackTests(HlsServer hls) : IClassFixture<HlsServer>
{
    [Fact]
    public async Task HlsJs_PlaysTheSignedMasterPlaylist_PastTwoSeconds_WithNoErrorEvent()
    {
        var report = await Chromium.AssertPlaysAsync("hls", hls.Master);
        Assert.NotEmpty(report["levels"]!.AsArray());
    }

    [Fact]
    public async Task Video_PlaysTheTasksMp4DownloadLink_PastTwoSeconds()
    {
        var task = await hls.Api.WaitAsync(hls.TaskId);
        await Chromium.AssertPlaysAsync("video", task["outputs"]![0]!.Str("download_url"));
    }
}
