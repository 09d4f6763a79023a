using Microsoft.Extensions.Options;

namespace Reelgate.Server.Storage;

/// Blobs as files under Storage:Root/blobs. Writes go to a temporary name and are renamed into
/// place, so a reader never sees half a file and a crash never leaves one under the real key.
internal sealed class FileSystemBlobStore(IOptions<StorageOptions> options) : IBlobStore
{
    readonly string root = options.Value.BlobRoot;

    public async Task PutFileAsync(string key, string localPath, string contentType, CancellationToken ct)
    {
        var target = PathFor(key);
        var tmp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        await using (var src = File.OpenRead(localPath))
        await using (var dst = File.Create(tmp))
            await src.CopyToAsync(dst, ct);
        File.Move(tmp, target, overwrite: true);
    }

    public async Task PutBytesAsync(string key, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken ct)
    {
        var target = PathFor(key);
        var tmp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(tmp, bytes.ToArray(), ct);
        File.Move(tmp, target, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathFor(key, create: false);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true)
            : null);
    }

    public async Task DownloadToFileAsync(string key, string localPath, CancellationToken ct)
    {
        await using var src = await OpenReadAsync(key, ct) ?? throw new FileNotFoundException($"blob '{key}' is missing");
        await using var dst = File.Create(localPath);
        await src.CopyToAsync(dst, ct);
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken ct)
    {
        var path = PathFor(prefix.TrimEnd('/'), create: false);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(root);
        var probe = Path.Combine(root, ".health-" + Environment.ProcessId);
        File.WriteAllText(probe, "ok");
        File.Delete(probe);
        return Task.FromResult(true);
    }

    string PathFor(string key, bool create = true)
    {
        if (key.Length == 0 || key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key))
            throw new ArgumentException($"invalid blob key '{key}'", nameof(key));
        var full = Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
        if (create) Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}
