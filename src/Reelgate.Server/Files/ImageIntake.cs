using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Media;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Files;

/// Turns whatever names an image (an upload, a file id, an https URL, a data URL) into a stored,
/// verified file of the caller's account: recognised by content, probed with ffprobe.
internal sealed class ImageIntake(
    ReelgateDb db, IBlobStore blobs, MediaProbe probe, ImageFetcher fetcher, IOptions<FilesOptions> options,
    IOptions<StorageOptions> storage, TimeProvider clock)
{
    public async Task<(StoredFile? File, ApiError? Error)> ResolveAsync(string accountId, long quotaBytes, ImageInput input, CancellationToken ct)
    {
        if (input.FileId is { } id)
        {
            var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.AccountId == accountId, ct);
            return file is null
                ? (null, new ApiError(400, "file_not_found", $"No uploaded file with id '{id}' exists for this account.", input.Param))
                : (file, null);
        }
        if (input.Url is { } url)
        {
            var fetched = await fetcher.FetchAsync(url, ct);
            return fetched.IsSuccess
                ? await StoreAsync(accountId, quotaBytes, fetched.Bytes, FileNameOf(url), input.Param, ct)
                : (null, new ApiError(400, fetched.Error, fetched.Message, input.Param));
        }
        if (input.DataUrl is { } dataUrl)
        {
            var parsed = DataUrl.Parse(dataUrl, options.Value.MaxBytes);
            return parsed.IsSuccess
                ? await StoreAsync(accountId, quotaBytes, parsed.Bytes, "image", input.Param, ct)
                : (null, new ApiError(400, parsed.Error, parsed.Message, input.Param));
        }
        return await FromUploadAsync(accountId, quotaBytes, input.Upload!, input.Param, ct);
    }

    public async Task<(StoredFile? File, ApiError? Error)> FromUploadAsync(string accountId, long quotaBytes, IFormFile upload, string param, CancellationToken ct)
    {
        if (upload.Length > options.Value.MaxBytes) return (null, TooLarge(param));
        if (upload.Length == 0) return (null, new ApiError(400, "invalid_image", "The uploaded file is empty.", param));
        using var buffer = new MemoryStream((int)upload.Length);
        await upload.CopyToAsync(buffer, ct);
        return await StoreAsync(accountId, quotaBytes, buffer.ToArray(), upload.FileName, param, ct);
    }

    async Task<(StoredFile?, ApiError?)> StoreAsync(string accountId, long quotaBytes, byte[] bytes, string filename, string param, CancellationToken ct)
    {
        if (bytes.Length > options.Value.MaxBytes) return (null, TooLarge(param));
        if (ImageSniffer.DetectContentType(bytes) is not { } type)
            return (null, new ApiError(400, "invalid_image", "The image must be JPEG, PNG or WebP (recognised by its content, not its name).", param));
        var ext = ImageSniffer.ExtensionFor(type);
        Directory.CreateDirectory(storage.Value.ScratchRoot);
        var tmp = Path.Combine(storage.Value.ScratchRoot, $"upload-{Guid.NewGuid():N}{ext}");
        ImageInfo? info;
        try
        {
            await File.WriteAllBytesAsync(tmp, bytes, ct);
            info = await TryProbeAsync(tmp, ct);
        }
        finally { File.Delete(tmp); }
        if (info is null || info.Width <= 0 || info.Height <= 0)
            return (null, new ApiError(400, "invalid_image", "The image could not be decoded.", param));
        var max = options.Value.MaxDimension;
        if (info.Width > max || info.Height > max)
            return (null, new ApiError(400, "image_too_large", $"Images may be at most {max}×{max} pixels; this one is {info.Width}×{info.Height}.", param));

        var id = Ids.New("file", clock);
        var file = new StoredFile
        {
            Id = id, AccountId = accountId, Filename = Sanitize(filename), ContentType = type, Bytes = bytes.Length,
            Width = info.Width, Height = info.Height, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            StorageKey = $"files/{id}{ext}", CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await blobs.PutBytesAsync(file.StorageKey, bytes, type, ct);
        // The file row and its bytes on the account's storage total commit together; the guard
        // refuses a file that would take the account past its tier's quota (0 = no quota).
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await Billing.StorageUse.AddAsync(db, accountId, bytes.Length, ct, quotaBytes))
            {
                await tx.RollbackAsync(CancellationToken.None);
                await blobs.DeletePrefixAsync(file.StorageKey, CancellationToken.None);
                return (null, new ApiError(403, "storage_quota_exceeded", "The account's storage quota is full; delete files or videos to make room.", param));
            }
            db.Files.Add(file);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.Entry(file).State = EntityState.Detached;
        return (file, null);
    }

    async Task<ImageInfo?> TryProbeAsync(string path, CancellationToken ct)
    {
        try { return await probe.ProbeImageAsync(path, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; }
    }

    ApiError TooLarge(string param) =>
        new(413, "image_too_large", $"Images may be at most {options.Value.MaxBytes / (1024 * 1024.0):0.#} MB.", param);

    static string FileNameOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && Path.GetFileName(u.AbsolutePath) is { Length: > 0 } name ? name : "image";

    static string Sanitize(string name)
    {
        var clean = new string(Path.GetFileName(name).Where(c => !char.IsControl(c)).ToArray());
        return clean.Length == 0 ? "image" : clean.Length > 200 ? clean[..200] : clean;
    }
}
