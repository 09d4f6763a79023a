using Reelgate.Server.Storage;

namespace Reelgate.Server.Tests.Storage;

/// One s3rver and one bucket for the whole class; each test works under its own key prefix.
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "reelgate-test";
    public S3rverProcess Server { get; } = new();
    internal S3BlobStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.StartAsync();
        Store = new S3BlobStore(Server.Options(Bucket, presigned: true)) { PageSize = 3 };
        await Store.EnsureBucketAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Store?.Dispose();
        await Server.DisposeAsync();
    }
}
