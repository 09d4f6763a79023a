using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Streaming;

/// `hls_url` through the API on the suite's backend (SQLite or PostgreSQL, files or S3): null
/// without `hls`, the signed master playlist once the package is made, and what it points to is
/// read by ffprobe over HTTP with no key.
[Collection(SharedServerCollection.Name)]
public sealed class HlsUrlTests(SharedServer shared)
{
    [Fact]
    public async Task HlsTrue_GivesASignedMasterPlaylistUrl_ThatFfprobeReadsWithNoKey_AndAPlainTaskHasNone()
    {
        var api = await shared.Server.NewAccountAsync();
        var plain = api.CreateVideoAsync(new { prompt = "no streaming here", duration = 4 });
        var task = await api.WaitAsync((await api.CreateVideoAsync(new { prompt = "waves on a pier", duration = 4, renditions = new[] { "h264_720p30" }, hls = true })).Str("id"), seconds: 300);
        Assert.Equal("completed", task.Str("status"));
        Assert.Contains(task["outputs"]![0]!["renditions"]!.AsArray(), r => r!.Str("name") == "hls" && r!.Str("status") == "completed");
        var url = task.Str("hls_url");
        Assert.Matches($"^{shared.Server.BaseUrl.ToString().TrimEnd('/')}/hls/{task.Str("id")}/0/\\d+/[A-Za-z0-9_-]+/master\\.m3u8$", url);

        var probe = await Ffprobe.ProbeFileAsync(url);
        Assert.Equal("hls", probe["format"]!["format_name"]!.GetValue<string>());
        Assert.Contains(probe["streams"]!.AsArray(), s => s!["codec_name"]!.GetValue<string>() == "h264" && s["height"]!.GetValue<int>() == 720);

        var none = await api.WaitAsync((await plain).Str("id"));
        Assert.Null(none["hls_url"]);
        Assert.True(none.AsObject().ContainsKey("hls_url"));
    }
}
