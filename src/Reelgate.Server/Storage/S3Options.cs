namespace Reelgate.Server.Storage;

/// Where and how to reach an S3-compatible object store (AWS S3, MinIO, s3rver, ...).
internal sealed class S3Options
{
    /// S3 refuses multipart parts below 5 MiB, except the last one.
    public const long MinPartSizeBytes = 5L * 1024 * 1024;

    /// The endpoint, e.g. `http://127.0.0.1:9000`; empty means AWS itself, found through Region.
    public string ServiceUrl { get; set; } = "";
    public string Bucket { get; set; } = "";
    public string Region { get; set; } = "us-east-1";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";

    /// `endpoint/bucket/key` rather than `bucket.endpoint/key`: what self-hosted stores expect.
    public bool ForcePathStyle { get; set; } = true;

    /// Downloads may be answered with a redirect to a presigned URL instead of being proxied.
    public bool PresignedDownloads { get; set; }
    public int PresignedMinutes { get; set; } = 15;

    /// Files larger than this go up as a multipart upload of PartSizeBytes parts.
    public long MultipartThresholdBytes { get; set; } = 16L * 1024 * 1024;
    public long PartSizeBytes { get; set; } = 8L * 1024 * 1024;

    /// The first setting that cannot work, or null when all can.
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Bucket)) return "S3:Bucket must name a bucket";
        if (string.IsNullOrWhiteSpace(ServiceUrl) && string.IsNullOrWhiteSpace(Region))
            return "S3:ServiceUrl or S3:Region must be set";
        if (!string.IsNullOrWhiteSpace(ServiceUrl) && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
            return $"S3:ServiceUrl '{ServiceUrl}' is not an absolute URL";
        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
            return "S3:AccessKey and S3:SecretKey must be set together";
        if (PartSizeBytes < MinPartSizeBytes) return $"S3:PartSizeBytes must be at least {MinPartSizeBytes}";
        if (MultipartThresholdBytes < 1) return "S3:MultipartThresholdBytes must be positive";
        if (PresignedMinutes is < 1 or > 7 * 24 * 60) return "S3:PresignedMinutes must be between 1 and 10080";
        return null;
    }
}
