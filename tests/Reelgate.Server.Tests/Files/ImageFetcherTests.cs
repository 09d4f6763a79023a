using Reelgate.Server.Files;

namespace Reelgate.Server.Tests.Files;

public sealed class ImageFetcherTests(ImageServer server) : IClassFixture<ImageServer>
{
    private static readonly ImageFetchOptions LocalOptions = new()
    {
        MaxBytes = 64 * 1024,
        Timeout = TimeSpan.FromSeconds(10),
        AllowHttp = true,
        AllowPrivateNetworks = true,
    };

    [Fact]
    public async Task Fetch_PngFromLoopbackWhenAllowed_ReturnsBytesAndType()
    {
        var result = await FetchAsync("/image.png");

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal("image/png", result.ContentType);
        Assert.Equal(TestImages.Png, result.Bytes);
    }

    [Fact]
    public async Task Fetch_JpegServedAsOctetStream_IsIdentifiedBySniffing()
    {
        var result = await FetchAsync("/photo");

        Assert.Equal("image/jpeg", result.ContentType);
        Assert.Equal(TestImages.Jpeg, result.Bytes);
    }

    [Fact]
    public async Task Fetch_ChunkedBodyWithinLimit_ReturnsBytes()
    {
        var result = await FetchAsync("/chunked.webp");

        Assert.Equal("image/webp", result.ContentType);
        Assert.Equal(TestImages.Webp, result.Bytes);
    }

    [Theory]
    [InlineData("/big.png")]
    [InlineData("/big-chunked.png")]
    public async Task Fetch_BodyOverLimit_ReturnsTooLarge(string path)
    {
        var result = await FetchAsync(path);

        Assert.Equal("image_too_large", result.Error);
    }

    [Fact]
    public async Task Fetch_DeclaredLengthOverLimit_IsRefusedWithoutWaitingForBody()
    {
        // The server never finishes this body, so only the Content-Length check can answer before the timeout.
        var result = await FetchAsync("/declared-huge.png");

        Assert.Equal("image_too_large", result.Error);
    }

    [Fact]
    public async Task Fetch_BodyExactlyAtLimit_Succeeds()
    {
        var result = await FetchAsync("/big-chunked.png", LocalOptions with { MaxBytes = ImageServer.BigSize });

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(ImageServer.BigSize, result.Bytes.Length);
    }

    [Theory]
    [InlineData("/slow-headers")]
    [InlineData("/slow-body")]
    public async Task Fetch_SlowServer_ReturnsTimeout(string path)
    {
        var result = await FetchAsync(path, LocalOptions with { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal("image_fetch_timeout", result.Error);
    }

    [Fact]
    public async Task Fetch_CancelledByCaller_Throws()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var fetcher = CreateFetcher(LocalOptions);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => fetcher.FetchAsync(server.Url("/slow-headers"), cancellation.Token));
    }

    [Fact]
    public async Task Fetch_NotFound_ReturnsFetchFailed()
    {
        var result = await FetchAsync("/missing");

        Assert.Equal("image_fetch_failed", result.Error);
        Assert.Contains("404", result.Message);
    }

    [Fact]
    public async Task Fetch_ConnectionRefused_ReturnsFetchFailed()
    {
        var port = Support.Ports.Free(); // nobody listens there

        var result = await CreateFetcher(LocalOptions).FetchAsync($"http://127.0.0.1:{port}/image.png");

        Assert.Equal("image_fetch_failed", result.Error);
    }

    [Theory]
    [InlineData("/text")]
    [InlineData("/text-as.png")]
    public async Task Fetch_NonImageBody_ReturnsInvalidImage(string path)
    {
        var result = await FetchAsync(path);

        Assert.Equal("invalid_image", result.Error);
    }

    [Fact]
    public async Task Fetch_ThreeRedirects_Follows()
    {
        var result = await FetchAsync("/redirect/3");

        Assert.Equal("image/png", result.ContentType);
    }

    [Fact]
    public async Task Fetch_FourRedirects_ReturnsFetchFailed()
    {
        var result = await FetchAsync("/redirect/4");

        Assert.Equal("image_fetch_failed", result.Error);
    }

    private Task<ImageFetchResult> FetchAsync(string path, ImageFetchOptions? options = null) =>
        CreateFetcher(options ?? LocalOptions).FetchAsync(server.Url(path));

    internal static ImageFetcher CreateFetcher(ImageFetchOptions options) =>
        new(ImageFetcher.CreateHttpClient(options), options, TimeProvider.System);
}
