using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Tasks;

/// GET /v1/videos/{id}/content?variant=video|thumbnail|preview|spritesheet|vtt&index=N: streams from the blob store with
/// Range support and a strong ETag (the output's SHA-256).
internal static class TaskContent
{
    public static async Task<IResult> Handle(string id, string? variant, string? index, string? format, string? name, HttpContext http, TaskLookup lookup, IBlobStore blobs, Microsoft.Extensions.Options.IOptions<StorageOptions> storage,
        Tiers tiers, Microsoft.EntityFrameworkCore.IDbContextFactory<ReelgateDb> dbs, Media.FfmpegRunner ffmpeg, TimeProvider clock, CancellationToken ct)
    {
        variant ??= "video";
        if (variant == "rendition") return await Renditions.RenditionContent.HandleAsync(id, name, index, http, lookup, blobs, storage.Value, tiers, dbs, clock, ct);
        if (variant is not ("video" or "thumbnail") && !Previews.PreviewContent.Serves(variant))
            return ApiError.Invalid("variant", "'variant' must be video, thumbnail, rendition, preview, spritesheet or vtt.", "invalid_enum").ToResult();
        format ??= "mp4";
        if (!Containers.All.Contains(format))
            return ApiError.Invalid("format", "'format' must be mp4, mov or mkv.", "invalid_enum").ToResult();
        if (format != "mp4" && variant != "video")
            return ApiError.Invalid("format", "'format' applies to the video, not the thumbnail.").ToResult();
        if (!tiers.For(Caller.From(http).Tier).Allows(format))
            return new ApiError(403, "content_type_not_allowed", $"This account's tier does not include {format} downloads.", "format").ToResult();
        var i = 0;
        if (index is not null && (!int.TryParse(index, out i) || i < 0))
            return ApiError.Invalid("index", "'index' must be a whole number from 0.", "out_of_range").ToResult();
        var task = await lookup.FindAsync(id, Caller.From(http).AccountId, ct);
        if (!Available(task, id, out var unavailable)) return unavailable.ToResult();
        var outputs = JsonSerializer.Deserialize<List<TaskOutput>>(task.OutputsJson!, Json.Wire)!;
        if (i >= outputs.Count)
            return ApiError.Invalid("index", $"This video has {outputs.Count} output(s); 'index' must be below that.", "out_of_range").ToResult();
        var o = outputs[i];
        if (Previews.PreviewContent.Serves(variant)) return await Previews.PreviewContent.ServeAsync(task, o, variant, http, ct);
        if (variant == "video" && StartsDownload(http.Request) && tiers.For(Caller.From(http).Tier) is { Metered: true } tier
            && await CountDownloadAsync(dbs, task.AccountId, tier, clock, ct) is { } limited)
            return limited.ToResult();
        if (format != "mp4") return await RemuxedAsync(http, blobs, ffmpeg, storage.Value, variant == "video" ? o.VideoKey : o.ThumbnailKey, format, $"{id}-{i}.{format}", o.Sha256, task, ct);
        return await StreamAsync(task, o, variant, blobs, storage.Value, ct);
    }

    /// Whether a task's content (and so its renditions) can be had; otherwise why not: not the
    /// caller's (404), past retention (410), not completed yet (409).
    public static bool Available([NotNullWhen(true)] VideoTask? task, string id, [NotNullWhen(false)] out ApiError? unavailable)
    {
        unavailable = task is null ? ApiError.NotFound("video", id)
            : task.Status == TaskStatuses.Completed && task.OutputsJson is null
                ? new ApiError(410, "content_expired", "The retention period of this video has passed and its content was deleted.", "id")
            : task.Status != TaskStatuses.Completed || task.OutputsJson is null
                ? new ApiError(409, "video_not_ready", $"The video is {task.Status}; content is available once it is completed.", "id")
            : null;
        return unavailable is null;
    }

    /// The bytes of one output (variant video or thumbnail) with Range, HEAD and a strong ETag, or a
    /// 302 to the object store when presigned downloads are on. Shared by /content and signed links.
    public static async Task<IResult> StreamAsync(VideoTask task, TaskOutput o, string variant, IBlobStore blobs, StorageOptions storage, CancellationToken ct)
    {
        var (key, type, tag) = variant == "video"
            ? (o.VideoKey, "video/mp4", o.Sha256)
            : (o.ThumbnailKey, "image/jpeg", o.Sha256[..32] + "-thumb");
        return await StreamKeyAsync(task, key, type, $"{task.Id}-{o.Index}.{(variant == "video" ? "mp4" : "jpg")}", tag, blobs, storage, ct);
    }

    /// One stored file of a task with Range, HEAD and a strong ETag (`tag`), or the presigned 302.
    public static async Task<IResult> StreamKeyAsync(VideoTask task, string key, string type, string fileName, string tag, IBlobStore blobs, StorageOptions storage, CancellationToken ct)
    {
        // With presigned downloads on, the object store serves the bytes (a 302 to a short-lived URL).
        if (blobs is S3BlobStore s3 && s3.PresignedUrl(key, TimeSpan.FromMinutes(storage.S3.PresignedMinutes)) is { } presigned)
            return TypedResults.Redirect(presigned);
        var stream = await blobs.OpenReadAsync(key, ct);
        if (stream is null) return new ApiError(410, "content_expired", "The content of this video is no longer stored.", "id").ToResult();
        return TypedResults.Stream(stream, type, fileName,
            lastModified: DateTimeOffset.FromUnixTimeMilliseconds(task.CompletedAt ?? task.CreatedAt),
            entityTag: new EntityTagHeaderValue($"\"{tag}\""), enableRangeProcessing: true);
    }

    static async Task<IResult> RemuxedAsync(HttpContext http, IBlobStore blobs, Media.FfmpegRunner ffmpeg, StorageOptions storage, string key, string format,
        string name, string sha, VideoTask task, CancellationToken ct)
    {
        Directory.CreateDirectory(storage.ScratchRoot);
        var source = Path.Combine(storage.ScratchRoot, $"source-{Guid.NewGuid():N}.mp4");
        try
        {
            await blobs.DownloadToFileAsync(key, source, ct);
            var stream = await Containers.RemuxAsync(ffmpeg, source, format, storage.ScratchRoot, ct);
            return TypedResults.Stream(stream, Containers.ContentType(format), name,
                lastModified: DateTimeOffset.FromUnixTimeMilliseconds(task.CompletedAt ?? task.CreatedAt),
                entityTag: new EntityTagHeaderValue($"\"{sha[..32]}-{format}\""), enableRangeProcessing: true);
        }
        catch (FileNotFoundException)
        {
            return new ApiError(410, "content_expired", "The content of this video is no longer stored.", "id").ToResult();
        }
        finally { File.Delete(source); }
    }

    /// A player fetches one video in many ranges; only a request from the first byte counts.
    public static bool StartsDownload(HttpRequest r) =>
        r.Headers.Range.Count == 0 || r.Headers.Range.ToString().StartsWith("bytes=0-", StringComparison.Ordinal);

    /// Counts a download against the tier's daily limit; an error when the limit is reached.
    public static async Task<ApiError?> CountDownloadAsync(Microsoft.EntityFrameworkCore.IDbContextFactory<ReelgateDb> dbs, string accountId, TierLimits tier, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var counted = await Sql.RowAsync(db, ct, """
            INSERT INTO daily_counters (account_id, day, tasks, downloads) VALUES (@account, @day, 0, 1)
            ON CONFLICT (account_id, day) DO UPDATE SET downloads = daily_counters.downloads + 1
            WHERE @limit = 0 OR daily_counters.downloads < @limit
            RETURNING downloads
            """, ("account", accountId), ("day", Billing.Ledger.Day(now)), ("limit", tier.DownloadsPerDay));
        return counted is null
            ? Billing.QuotaErrors.DailyLimit("download_limit_exceeded", $"This account's tier allows {tier.DownloadsPerDay} video downloads a day (UTC).", now)
            : null;
    }
}
