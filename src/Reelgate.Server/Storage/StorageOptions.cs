namespace Reelgate.Server.Storage;

internal sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string FileSystem = "filesystem";
    public const string S3Provider = "s3";

    /// `filesystem` (blobs under Root/blobs) or `s3` (an S3-compatible object store, see S3).
    public string Provider { get; set; } = FileSystem;

    public S3Options S3 { get; set; } = new();

    /// The data folder: the SQLite database (by default), blobs and scratch space.
    public string Root { get; set; } = "data";

    /// How long outputs stay downloadable after a task completes.
    public double RetentionHours { get; set; } = 24;

    /// How often expired outputs are looked for and deleted.
    public double RetentionSweepSeconds { get; set; } = 60;

    public string BlobRoot => Path.Combine(Path.GetFullPath(Root), "blobs");
    public string ScratchRoot => Path.Combine(Path.GetFullPath(Root), "scratch");
}
