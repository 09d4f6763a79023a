using Amazon.S3;
using Amazon.S3.Model;

namespace Reelgate.Server.Tests.Support;

/// What a server has in its blob store, read directly (files under Storage:Root/blobs, or the
/// objects of its bucket), so tests can check that nothing is orphaned or left behind.
public static class Blobs
{
    public static bool IsS3 => Environment.GetEnvironmentVariable("REELGATE_TEST_STORAGE") == "s3";

    public static string S3Url => Environment.GetEnvironmentVariable("REELGATE_TEST_S3") ?? "http://127.0.0.1:4568";

    public static async Task<IReadOnlyList<string>> KeysAsync(this ServerProcess server, string prefix)
    {
        if (server.Bucket is null)
        {
            var root = Path.Combine(server.DataRoot, "blobs");
            if (!Directory.Exists(root)) return [];
            return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order().ToList();
        }
        using var s3 = Client();
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = server.Bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (token is not null);
        return keys.Order().ToList();
    }

    public static AmazonS3Client Client() => new("S3RVER", "S3RVER", new AmazonS3Config { ServiceURL = S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
}
