using Amazon.S3;
using Amazon.S3.Model;

namespace Reelgate.Server.Storage;

/// Multipart upload of one local file, part after part. TransferUtility is not used on purpose:
/// against some S3-compatible servers (s3rver) it stores corrupted objects.
internal static class S3Multipart
{
    public static async Task UploadFileAsync(IAmazonS3 client, string bucket, string key, string localPath, long length,
        string contentType, long partSize, CancellationToken ct)
    {
        var start = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket, Key = key, ContentType = contentType,
        }, ct);
        try
        {
            var parts = new List<PartETag>();
            for (long offset = 0, number = 1; offset < length; offset += partSize, number++)
            {
                var size = Math.Min(partSize, length - offset);
                var part = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket, Key = key, UploadId = start.UploadId, PartNumber = (int)number,
                    FilePath = localPath, FilePosition = offset, PartSize = size, IsLastPart = offset + size >= length,
                    UseChunkEncoding = false,
                }, ct);
                parts.Add(new PartETag((int)number, part.ETag));
            }
            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = start.UploadId, PartETags = parts,
            }, ct);
        }
        catch
        {
            // Uploaded parts are billed until the upload is aborted; the caller's token may be the
            // reason for failing, so aborting must not depend on it.
            await AbortQuietlyAsync(client, bucket, key, start.UploadId);
            throw;
        }
    }

    static async Task AbortQuietlyAsync(IAmazonS3 client, string bucket, string key, string uploadId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, timeout.Token);
        }
        catch (Exception e) when (e is AmazonS3Exception or HttpRequestException or IOException or OperationCanceledException)
        {
            // The original failure is the one worth reporting.
        }
    }
}
