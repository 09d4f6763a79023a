using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Media.Renditions;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Renditions;

/// `GET /v1/videos/{id}/content?variant=rendition&name=…&index=N` and the signed link
/// `/links/{task}/{index}/{name}.{mp4|webm}`: a rendition's bytes with Range and ETag, as the master's.
internal static class RenditionContent
{
    public static async Task<IResult> HandleAsync(string id, string? name, string? index, HttpContext http, TaskLookup lookup, IBlobStore blobs,
        StorageOptions storage, Tiers tiers, IDbContextFactory<ReelgateDb> dbs, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name))
            return ApiError.Invalid("name", "'name' is required with variant=rendition.", "missing_parameter").ToResult();
        if (RenditionLadder.Find(name) is null)
            return ApiError.Invalid("name", $"'name' must be one of: {string.Join(", ", RenditionLadder.Names)}.", "invalid_enum").ToResult();
        var i = 0;
        if (index is not null && (!int.TryParse(index, out i) || i < 0))
            return ApiError.Invalid("index", "'index' must be a whole number from 0.", "out_of_range").ToResult();
        var caller = Caller.From(http);
        var task = await lookup.FindAsync(id, caller.AccountId, ct);
        if (!TaskContent.Available(task, id, out var unavailable)) return unavailable.ToResult();
        if (tiers.For(caller.Tier) is { Metered: true } tier && TaskContent.StartsDownload(http.Request)
            && Find(task, i, name) is { Status: RenditionStatuses.Completed }
            && await TaskContent.CountDownloadAsync(dbs, task.AccountId, tier, clock, ct) is { } limited)
            return limited.ToResult();
        return await StreamAsync(task, i, name, blobs, storage, ct);
    }

    /// The rendition's bytes, or why not: not asked (404), not made yet (409), failed (its error).
    public static async Task<IResult> StreamAsync(VideoTask task, int index, string name, IBlobStore blobs, StorageOptions storage, CancellationToken ct)
    {
        var spec = RenditionLadder.Find(name)!;
        var entry = Find(task, index, name);
        if (entry is null)
            return new ApiError(404, "rendition_not_found", $"Output {index} of this video has no {name} rendition; ask for it with POST /v1/videos/{task.Id}/renditions.", "name").ToResult();
        if (entry.Status is RenditionStatuses.Queued or RenditionStatuses.InProgress)
            return new ApiError(409, "rendition_not_ready", $"The {name} rendition is {entry.Status}.", "name").ToResult();
        if (entry.Status == RenditionStatuses.Failed || entry.StorageKey is null || entry.Metadata is null)
            return new ApiError(409, entry.ErrorCode ?? "rendition_failed", entry.ErrorMessage ?? $"The {name} rendition failed.", "name").ToResult();
        return await TaskContent.StreamKeyAsync(task, entry.StorageKey, spec.ContentType, $"{task.Id}-{index}-{spec.FileName}", entry.Metadata.Sha256, blobs, storage, ct);
    }

    static RenditionEntry? Find(VideoTask task, int index, string name) =>
        task.RenditionsJson is null ? null
            : System.Text.Json.JsonSerializer.Deserialize<List<RenditionEntry>>(task.RenditionsJson, Json.Wire)!
                .FirstOrDefault(e => e.OutputIndex == index && e.Name == name);
}
