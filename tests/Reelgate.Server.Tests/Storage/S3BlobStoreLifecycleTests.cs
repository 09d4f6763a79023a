using Reelgate.Server.Storage;

namespace Reelgate.Server.Tests.Storage;

/// Tests that need an s3rver of their own: a missing bucket, a server that goes away.
public sealed class S3BlobStoreLifecycleTests
{
    readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    [Fact]
    public async Task Unhealthy_once_the_server_is_gone()
    {
        await using var server = new S3rverProcess();
        await server.StartAsync();
        using var store = new S3BlobStore(server.Options("health"));
        await store.EnsureBucketAsync(Ct);
        await store.EnsureBucketAsync(Ct); // a second time is harmless
        Assert.True(await store.IsHealthyAsync(Ct));
        server.Kill();
        Assert.False(await store.IsHealthyAsync(Ct));
    }

    [Fact]
    public async Task Unhealthy_without_the_bucket()
    {
        await using var server = new S3rverProcess();
        await server.StartAsync();
        using var store = new S3BlobStore(server.Options("never-created"));
        Assert.False(await store.IsHealthyAsync(Ct));
    }

    [Fact]
    public async Task Multipart_upload_cancelled_midway_throws_and_stores_nothing()
    {
        await using var server = new S3rverProcess();
        await server.StartAsync();
        using var store = new S3BlobStore(server.Options("cancel"));
        await store.EnsureBucketAsync(Ct);
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, new byte[30 * 1024 * 1024], Ct);
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var watcher = Task.Run(async () =>
            {
                while (!server.Log.Contains("Stored part 1 of", StringComparison.Ordinal)) await Task.Delay(5, Ct);
                await cancel.CancelAsync();
            }, Ct);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutFileAsync("videos/t/a1/0.mp4", path, "video/mp4", cancel.Token));
            await watcher;
            Assert.DoesNotContain("Stored part 6 of", server.Log);
            Assert.Null(await store.OpenReadAsync("videos/t/a1/0.mp4", Ct));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Presigned_url_is_null_when_turned_off()
    {
        using var store = new S3BlobStore(new S3Options { ServiceUrl = "http://127.0.0.1:9", Bucket = "b", AccessKey = "k", SecretKey = "s" });
        Assert.Null(store.PresignedUrl("files/x.png", TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [InlineData("", 8L * 1024 * 1024, "Bucket")]
    [InlineData("b", 4L * 1024 * 1024, "PartSizeBytes")]
    public void Unworkable_options_are_refused(string bucket, long partSize, string named)
    {
        var options = new S3Options { ServiceUrl = "http://127.0.0.1:9", Bucket = bucket, PartSizeBytes = partSize };
        Assert.Contains(named, Assert.Throws<ArgumentException>(() => new S3BlobStore(options)).Message);
    }
}
