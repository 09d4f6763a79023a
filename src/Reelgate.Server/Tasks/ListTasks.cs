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
        var take = 20;
        if (limit is not null && (!int.TryParse(limit, out take) || take is < 1 or > 100))
            return ApiError.Invalid("limit", "'limit' must be a whole number from 1 to 100.", "out_of_range").ToResult();
        order ??= "desc";
        if (order is not ("asc" or "desc")) return ApiError.Invalid("order", "'order' must be asc or desc.", "invalid_enum").ToResult();
        if (status is not null && !TaskStatuses.All.Contains(status))
            return ApiError.Invalid("status", $"'status' must be one of: {string.Join(", ", TaskStatuses.All)}.", "invalid_enum").ToResult();
        if (after is { Length: > 128 }) return ApiError.Invalid("after", "'after' must be a video id.").ToResult();

        var account = Caller.From(http).AccountId;
        var q = db.Tasks.AsNoTracking().Where(t => t.AccountId == account);
        if (status is not null) q = q.Where(t => t.Status == status);
        if (after is not null) q = order == "asc" ? q.Where(t => string.Compare(t.Id, after) > 0) : q.Where(t => string.Compare(t.Id, after) < 0);
        q = order == "asc" ? q.OrderBy(t => t.Id) : q.OrderByDescending(t => t.Id);
        var rows = await q.Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024 + page.Count * 1536);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var t in page) json.Write(w, t, TaskJson.ContentBase(http.Request, t.Id));
            w.WriteEndArray();
            w.WriteBoolean("has_more", rows.Count > take);
            w.WriteString("first_id", page.FirstOrDefault()?.Id);
            w.WriteString("last_id", page.LastOrDefault()?.Id);
            w.WriteEndObject();
        }
        return TypedResults.Bytes(buffer.WrittenMemory.ToArray(), "application/json; charset=utf-8");
    }
}
