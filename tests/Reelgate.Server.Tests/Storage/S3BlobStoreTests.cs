using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Tests.Storage;

public sealed class S3BlobStoreTests(S3rverFixture fixture) : IClassFixture<S3rverFixture>
{
    readonly string id = Guid.NewGuid().ToString("N");
    // Bounds every call, so a wedged server fails the test instead of hanging the run.
    readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
    S3BlobStore Store => fixture.Store;

    [Fact]
    public async Task Put_bytes_then_read_back_equal_bytes()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        await Store.PutBytesAsync($"files/{id}.png", bytes, "image/png", Ct);
        await using var stream = await Store.OpenReadAsync($"files/{id}.png", Ct);
        Assert.NotNull(stream);
        Assert.Equal(bytes, await ReadAll(stream));
        using var raw = RawClient();
        var head = await raw.GetObjectMetadataAsync(S3rverFixture.Bucket, $"files/{id}.png", Ct);
        Assert.Equal("image/png", head.Headers.ContentType);
    }

    [Fact]
    public async Task Put_again_replaces_the_object()
    {
        await Store.PutBytesAsync($"files/{id}.txt", "first"u8.ToArray(), "text/plain", Ct);
        await Store.PutBytesAsync($"files/{id}.txt", "second"u8.ToArray(), "text/plain", Ct);
        await using var stream = await Store.OpenReadAsync($"files/{id}.txt", Ct);
        Assert.Equal("second"u8.ToArray(), await ReadAll(stream!));
    }

    [Fact]
    public async Task Large_file_goes_up_in_parts_and_reads_back_identical()
    {
        var path = TempFile(25 * 1024 * 1024 + 12345);
        try
        {
            await Store.PutFileAsync($"videos/{id}/a1/0.mp4", path, "video/mp4", Ct);
            using var raw = RawClient();
            var head = await raw.GetObjectMetadataAsync(S3rverFixture.Bucket, $"videos/{id}/a1/0.mp4", Ct);
            // s3rver's multipart ETag is a plain MD5, so its log shows the parts: 5 of 5 MiB and a short one.
            var parts = Regex.Matches(fixture.Server.Log, @"Stored part (\d+) of (\S+)").GroupBy(m => m.Groups[2].Value);
            Assert.Contains(parts, upload => upload.Select(m => int.Parse(m.Groups[1].Value)).Order().SequenceEqual([1, 2, 3, 4, 5, 6]));
            Assert.Equal(new FileInfo(path).Length, head.ContentLength);
            Assert.Equal("video/mp4", head.Headers.ContentType);
            await using var stream = await Store.OpenReadAsync($"videos/{id}/a1/0.mp4", Ct);
            Assert.Equal(await Sha256(File.OpenRead(path)), await Sha256(stream!));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Small_file_up_and_down_to_a_file()
    {
        var path = TempFile(300_000);
        var copy = path + ".copy";
        try
        {
            await Store.PutFileAsync($"videos/{id}/a1/0.mp4", path, "video/mp4", Ct);
            await Store.DownloadToFileAsync($"videos/{id}/a1/0.mp4", copy, Ct);
            Assert.Equal(await File.ReadAllBytesAsync(path, Ct), await File.ReadAllBytesAsync(copy, Ct));
        }
        finally { File.Delete(path); File.Delete(copy); }
    }

    [Fact]
    public async Task Missing_key_reads_as_null_and_downloads_as_not_found()
    {
        Assert.Null(await Store.OpenReadAsync($"files/{id}.png", Ct));
        var target = Path.Combine(Path.GetTempPath(), id);
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.DownloadToFileAsync($"files/{id}.png", target, Ct));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Length_and_ranged_reads_from_an_offset()
    {
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        await Store.PutBytesAsync($"files/{id}.bin", bytes, "application/octet-stream", Ct);
        Assert.Equal(10_000, await Store.LengthAsync($"files/{id}.bin", Ct));
        Assert.Null(await Store.LengthAsync($"files/{id}.none", Ct));
        await using var tail = await Store.OpenFromAsync($"files/{id}.bin", 9_000, Ct);
        Assert.Equal(bytes[9_000..], await ReadAll(tail));
    }

    [Fact]
    public async Task Presigned_url_is_fetchable_without_credentials()
    {
        var bytes = RandomNumberGenerator.GetBytes(50_000);
        await Store.PutBytesAsync($"videos/{id}/a1/0.mp4", bytes, "video/mp4", Ct);
        var url = Store.PresignedUrl($"videos/{id}/a1/0.mp4", TimeSpan.FromMinutes(5));
        Assert.NotNull(url);
        using var http = new HttpClient();
        Assert.Equal(bytes, await http.GetByteArrayAsync(url, Ct));
    }

    [Fact]
    public async Task Healthy_while_the_server_runs()
    {
        Assert.True(await Store.IsHealthyAsync(Ct));
    }

    async Task<byte[]> ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }

    async Task<string> Sha256(Stream stream)
    {
        await using (stream) return Convert.ToHexString(await SHA256.HashDataAsync(stream, Ct));
    }

    static string TempFile(int length)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(length));
        return path;
    }

    AmazonS3Client RawClient() => new(new BasicAWSCredentials(S3rverProcess.AccessKey, S3rverProcess.SecretKey),
        new AmazonS3Config { ServiceURL = fixture.Server.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
}
