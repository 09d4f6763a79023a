using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Tasks;

/// GET /v1/videos/{id}/content?variant=video|thumbnail&index=N: streams from the blob store with
/// Range support and a strong ETag (the output's SHA-256).
internal static class TaskContent
{
    public static async Task<IResult> Handle(string id, string? variant, string? index, HttpContext http, TaskLookup lookup, IBlobStore blobs, Microsoft.Extensions.Options.IOptions<StorageOptions> storage, CancellationToken ct)
    {
        variant ??= "video";
        if (variant is not ("video" or "thumbnail"))
            return ApiError.Invalid("variant", "'variant' must be video or thumbnail.", "invalid_enum").ToResult();
        var i = 0;
        if (index is not null && (!int.TryParse(index, out i) || i < 0))
            return ApiError.Invalid("index", "'index' must be a whole number from 0.", "out_of_range").ToResult();
        var task = await lookup.FindAsync(id, Caller.From(http).AccountId, ct);
        if (task is null) return ApiError.NotFound("video", id).ToResult();
        if (task.Status == TaskStatuses.Completed && task.OutputsJson is null)
            return new ApiError(410, "content_expired", "The retention period of this video has passed and its content was deleted.", "id").ToResult();
        if (task.Status != TaskStatuses.Completed || task.OutputsJson is null)
            return new ApiError(409, "video_not_ready", $"The video is {task.Status}; content is available once it is completed.", "id").ToResult();
        var outputs = JsonSerializer.Deserialize<List<TaskOutput>>(task.OutputsJson, Json.Wire)!;
        if (i >= outputs.Count)
            return ApiError.Invalid("index", $"This video has {outputs.Count} output(s); 'index' must be below that.", "out_of_range").ToResult();
        var o = outputs[i];
        var (key, type, tag) = variant == "video"
            ? (o.VideoKey, "video/mp4", o.Sha256)
            : (o.ThumbnailKey, "image/jpeg", o.Sha256[..32] + "-thumb");
        // With presigned downloads on, the object store serves the bytes (a 302 to a short-lived URL).
        if (blobs is S3BlobStore s3 && s3.PresignedUrl(key, TimeSpan.FromMinutes(storage.Value.S3.PresignedMinutes)) is { } presigned)
            return TypedResults.Redirect(presigned);
        var stream = await blobs.OpenReadAsync(key, ct);
        if (stream is null) return new ApiError(410, "content_expired", "The content of this video is no longer stored.", "id").ToResult();
        var ext = variant == "video" ? "mp4" : "jpg";
        return TypedResults.Stream(stream, type, $"{id}-{i}.{ext}",
            lastModified: DateTimeOffset.FromUnixTimeMilliseconds(task.CompletedAt ?? task.CreatedAt),
            entityTag: new EntityTagHeaderValue($"\"{tag}\""), enableRangeProcessing: true);
    }
}
