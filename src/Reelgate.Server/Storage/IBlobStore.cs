namespace Reelgate.Server.Storage;

/// Where media lives. Keys are relative paths such as `videos/{task}/a1/0.mp4`.
internal interface IBlobStore
{
    Task PutFileAsync(string key, string localPath, string contentType, CancellationToken ct);
    Task PutBytesAsync(string key, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken ct);
    /// A readable stream positioned at 0, seekable where the store allows it; null when absent.
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);
    Task DownloadToFileAsync(string key, string localPath, CancellationToken ct);
    Task DeletePrefixAsync(string prefix, CancellationToken ct);
    Task<bool> IsHealthyAsync(CancellationToken ct);
}
