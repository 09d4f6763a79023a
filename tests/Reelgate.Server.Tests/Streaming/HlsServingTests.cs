using System.Net;
using System.Net.Http.Headers;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Streaming;

/// GET/HEAD /hls/{task}/{index}/{expires}/{signature}/{path} through a real server: no key, the
/// content types and CORS a browser player needs, Range, and the refusals of signed links.
public sealed class HlsServingTests(HlsServer hls) : IClassFixture<HlsServer>
{
    readonly HttpClient anonymous = new();

    [Fact]
    public async Task SignedPrefix_ServesEveryPlaylistAndSegment_WithContentTypesCorsAndRange_NoKey()
    {
        var master = await anonymous.GetAsync(hls.Master);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", master.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var text = await master.Content.ReadAsStringAsync();
        var media = new Uri(new Uri(hls.Master), text.Split('\n').First(l => l.EndsWith(".m3u8", StringComparison.Ordinal)));
        var playlist = await anonymous.GetStringAsync(media);
        var init = await anonymous.GetAsync(new Uri(media, "init.mp4"));
        Assert.Equal("video/mp4", init.Content.Headers.ContentType!.MediaType);
        var segment = new Uri(media, playlist.Split('\n').First(l => l.EndsWith(".m4s", StringComparison.Ordinal)));
        var whole = await anonymous.GetByteArrayAsync(segment);

        var ranged = new HttpRequestMessage(HttpMethod.Get, segment);
        ranged.Headers.Range = new RangeHeaderValue(10, 19);
        var part = await anonymous.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(whole[10..20], await part.Content.ReadAsByteArrayAsync());
        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, segment));
        Assert.Equal(whole.Length, head.Content.Headers.ContentLength);
        Assert.Equal("video/mp4", head.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Ffprobe_ReadsTheMasterPlaylistOverHttp_WithNoKey()
    {
        var probe = await Ffprobe.ProbeFileAsync(hls.Master);
        Assert.Equal("hls", probe["format"]!["format_name"]!.GetValue<string>());
        Assert.Contains(probe["streams"]!.AsArray(), s => s!["codec_name"]!.GetValue<string>() == "h264" && s["height"]!.GetValue<int>() == 720);
    }

    [Fact]
    public async Task AlteredOrExpiredPrefix_Is403_AndAPathOutsideThePackageIs404()
    {
        var good = hls.Master;
        var sig = good.Split('/')[^2];
        foreach (var tampered in new[]
        {
            good.Replace(sig, sig[..^1] + (sig[^1] == 'A' ? 'B' : 'A')),
            good.Replace($"/{hls.TaskId}/0/", $"/{hls.TaskId}/1/"),
            good.Replace("/hls/", "/hls/x"),
        })
            await Refused(tampered, HttpStatusCode.Forbidden, "invalid_signature");
        await Refused(hls.Prefix(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1) + "/master.m3u8", HttpStatusCode.Forbidden, "link_expired");
        var prefix = hls.Prefix(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600);
        foreach (var escape in new[] { "/..%2F..%2F..%2Fa1%2F0.mp4", "/h264_720p30%2F..%2F..%2Fmaster.m3u8", "/%2Fetc%2Fpasswd", "/h264_720p30%5Cindex.m3u8",
            "/a/b/c.m4s", "/.hidden.m3u8", "/nothing.m3u8", "/master.txt" })
            await Refused(prefix + escape, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task TheTaskDeleted_IsGone()
    {
        var api = await hls.Server.NewAccountAsync();
        var id = (await api.WaitAsync((await api.CreateVideoAsync(new { prompt = "short-lived", duration = 4 })).Str("id"))).Str("id");
        var master = hls.Prefix(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600, 0, id) + "/master.m3u8";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(master)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/v1/videos/{id}")).StatusCode);
        await Refused(master, HttpStatusCode.Gone, "content_deleted");
    }

    async Task Refused(string url, HttpStatusCode status, string code)
    {
        var res = await anonymous.GetAsync(url);
        Assert.True(status == res.StatusCode, $"{url}: {res.StatusCode}");
        Assert.Equal(code, (await res.Json()).Str("code"));
    }
}
