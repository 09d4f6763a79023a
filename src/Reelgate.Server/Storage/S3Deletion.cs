using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Reelgate.Server.Storage;

internal static class S3Deletion
{
    /// Lists the keys under the prefix a page at a time and deletes each page in one request.
    /// A prefix without a trailing slash is also deleted as an exact key.
    public static async Task DeletePrefixAsync(IAmazonS3 client, string bucket, string prefix, int pageSize, CancellationToken ct)
    {
        if (!prefix.EndsWith('/')) await client.DeleteObjectAsync(bucket, prefix, ct);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix.TrimEnd('/') + "/", MaxKeys = pageSize };
        do
        {
            var page = await client.ListObjectsV2Async(request, ct);
            if (page.S3Objects is { Count: > 0 } objects) await DeleteAsync(client, bucket, objects.Select(o => o.Key).ToList(), ct);
            request.ContinuationToken = page.NextContinuationToken;
        } while (request.ContinuationToken is { Length: > 0 });
    }

    static async Task DeleteAsync(IAmazonS3 client, string bucket, List<string> keys, CancellationToken ct)
    {
        DeleteObjectsResponse result;
        try
        {
            var batch = keys.Select(k => new KeyVersion { Key = k }).ToList();
            result = await client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = batch, Quiet = true }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.NotImplemented)
        {
            // Some S3-compatible servers lack or fumble multi-object delete (s3rver races on the
            // folders it empties and answers 500, usually fixed by the SDK's retry); one request per
            // key always works. Throttling (503) is not a reason to send more requests.
            foreach (var key in keys) await client.DeleteObjectAsync(bucket, key, ct);
            return;
        }
        if (result.DeleteErrors is [var first, ..])
            throw new IOException($"could not delete '{first.Key}' from bucket '{bucket}': {first.Code} {first.Message}");
    }
}
