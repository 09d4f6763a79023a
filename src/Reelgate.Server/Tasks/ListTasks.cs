using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks;

/// GET /v1/videos?limit=&after=&order=&status= with id cursors (ids sort by creation time).
internal static class ListTasks
{
    public static async Task<IResult> Handle(HttpContext http, ReelgateDb db, TaskJson json, string? limit, string? after, string? order, string? status, CancellationToken ct)
    {
        var (paging, error) = PageQuery.Read(limit, after, "a video id");
        if (paging is null) return error!.ToResult();
        order ??= "desc";
        if (order is not ("asc" or "desc")) return ApiError.Invalid("order", "'order' must be asc or desc.", "invalid_enum").ToResult();
        if (status is not null && !TaskStatuses.All.Contains(status))
            return ApiError.Invalid("status", $"'status' must be one of: {string.Join(", ", TaskStatuses.All)}.", "invalid_enum").ToResult();

        var page = paging.Page(await RowsAsync(db, Caller.From(http).AccountId, paging, order, status, ct), t => t.Id, t => t);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024 + page.Data.Count * 1536);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
            page.WriteTo(w, (item, t) => json.Write(item, t, TaskJson.Origin(http.Request)));
        return TypedResults.Bytes(buffer.WrittenMemory.ToArray(), "application/json; charset=utf-8");
    }

    /// Up to paging.Fetch of an account's tasks in id order after the cursor (dialect lists read them so too).
    public static async Task<List<VideoTask>> RowsAsync(ReelgateDb db, string account, PageQuery paging, string order, string? status, CancellationToken ct)
    {
        var q = db.Tasks.AsNoTracking().Where(t => t.AccountId == account);
        if (status is not null) q = q.Where(t => t.Status == status);
        if (paging.After is { } after) q = order == "asc" ? q.Where(t => string.Compare(t.Id, after) > 0) : q.Where(t => string.Compare(t.Id, after) < 0);
        q = order == "asc" ? q.OrderBy(t => t.Id) : q.OrderByDescending(t => t.Id);
        return await q.Take(paging.Fetch).ToListAsync(ct);
    }
}
