using System.Net;
using System.Security.Cryptography;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Storage;

public sealed class PresignedDownloadTests
{
    [S3Fact]
    public async Task WithPresignedDownloads_ContentRedirectsToTheStore_AndTheBytesMatch()
    {
        await using var server = new ServerProcess(new() { ["Storage__S3__PresignedDownloads"] = "true" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var done = await api.WaitAsync((await api.CreateVideoAsync(new { prompt = "served by the store", duration = 4, generate_audio = false })).Str("id"));
        var output = done["outputs"]![0]!;

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUrl };
        noRedirects.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        var res = await noRedirects.GetAsync(output.Str("url"));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var location = res.Headers.Location!;
        Assert.StartsWith(Blobs.S3Url, location.ToString());

        using var plain = new HttpClient();
        var bytes = await plain.GetByteArrayAsync(location);
        Assert.Equal(output["metadata"]!.Str("sha256"), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
