using System.Net;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Reelgate.Server.Storage;

/// Blobs as objects in one S3 bucket, keys used as they are. Streams read from here are the
/// HTTP response body: forward-only, not seekable.
internal sealed class S3BlobStore : IBlobStore, IDisposable
{
    const string HealthPrefix = ".reelgate-health/";
    static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);
    readonly S3Options options;
    readonly AmazonS3Client client;

    public S3BlobStore(S3Options options)
    {
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        this.options = options;
        client = S3ClientFactory.Create(options);
    }

    /// Objects listed (and so deleted) per request; S3 allows at most 1000.
    internal int PageSize { get; init; } = 1000;

    public async Task PutFileAsync(string key, string localPath, string contentType, CancellationToken ct)
    {
        var length = new FileInfo(localPath).Length;
        if (length > options.MultipartThresholdBytes)
        {
            await S3Multipart.UploadFileAsync(client, options.Bucket, Checked(key), localPath, length, contentType, options.PartSizeBytes, ct);
            return;
        }
        // Chunked (streaming-signature) bodies are stored corrupted by some S3-compatible servers (s3rver).
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket, Key = Checked(key), FilePath = localPath, ContentType = contentType, UseChunkEncoding = false,
        }, ct);
    }

    public async Task PutBytesAsync(string key, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken ct)
    {
        using var body = MemoryMarshal.TryGetArray(bytes, out var array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket, Key = Checked(key), InputStream = body, ContentType = contentType, UseChunkEncoding = false,
        }, ct);
    }

    /// Seekable: a Range request reads only its bytes, through a ranged GET from where it starts.
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct) =>
        await LengthAsync(key, ct) is { } length ? new RangedReadStream(length, (at, token) => OpenFromAsync(key, at, token)) : null;

    public async Task DownloadToFileAsync(string key, string localPath, CancellationToken ct)
    {
        await using var src = await OpenReadAsync(key, ct) ?? throw new FileNotFoundException($"blob '{key}' is missing");
        try
        {
            await using var dst = File.Create(localPath);
            await src.CopyToAsync(dst, ct);
        }
        catch
        {
            File.Delete(localPath);
            throw;
        }
    }

    /// `a/b/` removes everything under it; `a/b` removes the object `a/b` and everything under `a/b/`
    /// (as the file-system store would), never `a/bc`.
    public Task DeletePrefixAsync(string prefix, CancellationToken ct) =>
        S3Deletion.DeletePrefixAsync(client, options.Bucket, Checked(prefix), PageSize, ct);

    /// The object's size in bytes, or null when it is absent.
    internal async Task<long?> LengthAsync(string key, CancellationToken ct)
    {
        try { return (await client.GetObjectMetadataAsync(options.Bucket, Checked(key), ct)).ContentLength; }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket") { return null; }
    }

    /// The object from byte `offset` to its end, as one ranged GET: the building block for a
    /// seekable view of the object (see RangedReadStream). `offset` must be below the length.
    internal async Task<Stream> OpenFromAsync(string key, long offset, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = options.Bucket, Key = Checked(key), ByteRange = new ByteRange($"bytes={offset}-") };
        return (await client.GetObjectAsync(request, ct)).ResponseStream;
    }

    /// One authenticated listing, of a prefix that stays empty: proves the endpoint, the credentials
    /// and the bucket, costs the same however full the bucket is, and is never truncated (s3rver's
    /// continuation tokens need OpenSSL's legacy DES).
    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(HealthTimeout);
        try
        {
            await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, Prefix = HealthPrefix, MaxKeys = 1 }, timeout.Token);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// A time-limited GET URL for the object, or null when presigned downloads are turned off.
    public string? PresignedUrl(string key, TimeSpan lifetime)
    {
        if (!options.PresignedDownloads) return null;
        return client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket, Key = Checked(key), Verb = HttpVerb.GET, Expires = DateTime.UtcNow.Add(lifetime),
            Protocol = options.ServiceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        });
    }

    /// Creates the bucket unless it already exists; for first starts and tests.
    public async Task EnsureBucketAsync(CancellationToken ct)
    {
        try { await client.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket }, ct); }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists") { }
    }

    public void Dispose() => client.Dispose();

    static string Checked(string key) =>
        key.Length == 0 || key.StartsWith('/') || key.Split('/').Any(p => p is "." or "..")
            ? throw new ArgumentException($"invalid blob key '{key}'", nameof(key))
            : key;
}
