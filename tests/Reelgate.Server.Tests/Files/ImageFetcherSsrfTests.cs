using System.Net;
using Reelgate.Server.Files;

namespace Reelgate.Server.Tests.Files;

public sealed class ImageFetcherSsrfTests(ImageServer server) : IClassFixture<ImageServer>
{
    private static readonly ImageFetchOptions HttpOnly = new() { AllowHttp = true, Timeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/image.png")]
    [InlineData("ftp://example.com/image.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://example.com/image.png")]
    public async Task Fetch_NonHttpsUrl_ReturnsUrlInvalid(string url)
    {
        var result = await ImageFetcherTests.CreateFetcher(new ImageFetchOptions()).FetchAsync(url);

        Assert.Equal("image_url_invalid", result.Error);
    }

    [Fact]
    public async Task Fetch_HttpLoopbackWithoutAllowHttp_ReturnsUrlInvalid()
    {
        var options = new ImageFetchOptions { AllowPrivateNetworks = true };

        var result = await ImageFetcherTests.CreateFetcher(options).FetchAsync(server.Url("/image.png"));

        Assert.Equal("image_url_invalid", result.Error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/image.png")]
    [InlineData("http://localhost:{port}/image.png")]
    [InlineData("http://[::1]:{port}/image.png")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/image.png")]
    [InlineData("http://2130706433:{port}/image.png")]
    [InlineData("http://0.0.0.0:{port}/image.png")]
    [InlineData("https://127.0.0.1:{port}/image.png")]
    public async Task Fetch_LoopbackWithoutAllowPrivateNetworks_ReturnsForbidden(string template)
    {
        var url = template.Replace("{port}", server.Port.ToString(), StringComparison.Ordinal);

        var result = await ImageFetcherTests.CreateFetcher(HttpOnly).FetchAsync(url);

        Assert.Equal("image_url_forbidden", result.Error);
    }

    [Fact]
    public async Task Fetch_ForbiddenHostName_DoesNotRevealResolvedAddress()
    {
        var url = $"http://localhost:{server.Port}/image.png";

        var result = await ImageFetcherTests.CreateFetcher(HttpOnly).FetchAsync(url);

        Assert.Equal("image_url_forbidden", result.Error);
        Assert.Contains("localhost", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/image.png")]
    [InlineData("http://[::1]:{port}/image.png")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/image.png")]
    public async Task Fetch_RedirectToForbiddenAddress_ReturnsForbidden(string target)
    {
        var fetcher = FetcherTrustingOnly127001();
        var location = target.Replace("{port}", server.Port.ToString(), StringComparison.Ordinal);

        var result = await fetcher.FetchAsync(server.Url("/redirect-to?url=" + Uri.EscapeDataString(location)));

        Assert.Equal("image_url_forbidden", result.Error);
    }

    [Fact]
    public async Task Fetch_RedirectWithinTrustedHost_StillSucceeds()
    {
        var fetcher = FetcherTrustingOnly127001();

        var result = await fetcher.FetchAsync(server.Url("/redirect-to?url=%2Fimage.png"));

        Assert.Equal("image/png", result.ContentType);
    }

    /// Plays the part of a public image host: the test server's own address passes, every other address
    /// goes through the production policy, so a redirect is the only way to reach a forbidden one.
    private static ImageFetcher FetcherTrustingOnly127001()
    {
        var handler = ImageFetcher.CreateHandler(
            HttpOnly, address => !address.Equals(IPAddress.Loopback) && IpAddressPolicy.IsForbidden(address));
        return new ImageFetcher(new HttpClient(handler), HttpOnly, TimeProvider.System);
    }
}
