using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Links;

/// Key-free download links through real server processes: bytes, HEAD, Range, tampering,
/// deletion, another api process, and expiry.
[Collection(SharedServerCollection.Name)]
public sealed class SignedLinkDownloadTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    [Fact]
    public async Task DownloadUrl_NeedsNoKey_ServesTheBytes_WithHeadAndRange_AndDiesWithTheTask()
    {
        var api = await server.NewAccountAsync();
        var id = (await api.CreateVideoAsync(new { prompt = "a lighthouse at dusk, slow zoom in", duration = 4 })).Str("id");
        var done = await api.WaitAsync(id);
        Assert.Equal("native", done.Str("dialect"));
        var output = done["outputs"]![0]!;
        var link = output.Str("download_url");
        Assert.StartsWith(server.BaseUrl.ToString().TrimEnd('/') + "/links/", link);
        Assert.True(output["expires_at"]!.GetValue<long>() > DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 23 * 3600);

        using var anonymous = new HttpClient();
        var bytes = await anonymous.GetByteArrayAsync(link);
        Assert.Equal(output["metadata"]!.Str("sha256"), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        await Ffprobe.ProbeAsync(bytes);
        var thumb = await anonymous.GetAsync(output.Str("thumbnail_download_url"));
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType!.MediaType);

        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, link));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var ranged = new HttpRequestMessage(HttpMethod.Get, link);
        ranged.Headers.Range = new RangeHeaderValue(100, 199);
        var part = await anonymous.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes[100..200], await part.Content.ReadAsByteArrayAsync());

        // Any change to the link: 403 invalid_signature, never the file.
        var sig = link[(link.IndexOf("signature=", StringComparison.Ordinal) + 10)..];
        foreach (var tampered in new[]
        {
            link.Replace(sig, sig[..^1] + (sig[^1] == 'A' ? 'B' : 'A')),
            link.Replace("/0/video.mp4", "/1/video.mp4"),
            link.Replace("expires=", "expires=9"),
            link[..link.IndexOf("&signature", StringComparison.Ordinal)],
        })
        {
            var refused = await anonymous.GetAsync(tampered);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("invalid_signature", (await refused.Json()).Str("code"));
        }

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/v1/videos/{id}")).StatusCode);
        var gone = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("content_deleted", (await gone.Json()).Str("code"));
    }

    [Fact]
    public async Task ALink_WorksThroughAnotherApiProcess()
    {
        var api = await server.NewAccountAsync();
        var done = await api.WaitAsync((await api.CreateVideoAsync(new { prompt = "two processes, one secret", duration = 4 })).Str("id"));
        var link = new Uri(done["outputs"]![0]!.Str("download_url"));
        await using var other = server.Sibling(new() { ["Roles"] = "api" });
        await other.StartAsync();
        using var anonymous = new HttpClient();
        var bytes = await anonymous.GetByteArrayAsync(new Uri(other.BaseUrl, link.PathAndQuery));
        Assert.Equal(done["outputs"]![0]!["metadata"]!["size_bytes"]!.GetValue<long>(), bytes.Length);
    }
}

/// Expiry with a real server: a link made to live 4 s is refused (403 link_expired) once that
/// time has passed, and the task then shows a fresh link that works.
public sealed class SignedLinkExpiryTests
{
    [Fact]
    public async Task AnExpiredLink_IsRefused_AndTheTaskShowsAFreshOne()
    {
        await using var server = new ServerProcess(new() { ["Links__LifetimeHours"] = "0.0011" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var id = (await api.CreateVideoAsync(new { prompt = "short lived link", duration = 4 })).Str("id");
        var link = (await api.WaitAsync(id))["outputs"]![0]!.Str("download_url");
        using var anonymous = new HttpClient();
        HttpResponseMessage? refused = null;
        await Signals.UntilAsync(async () => (refused = await anonymous.GetAsync(link)).StatusCode == HttpStatusCode.Forbidden, "the link expiring");
        Assert.Equal("link_expired", (await refused!.Json()).Str("code"));
        var fresh = (await (await api.GetAsync($"/v1/videos/{id}")).Json())["outputs"]![0]!.Str("download_url");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(fresh)).StatusCode);
    }
}
