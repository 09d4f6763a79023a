using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Links;
using Reelgate.Server.Media.Hls;
using Reelgate.Server.Renditions;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Streaming;

/// GET/HEAD /hls/{task}/{index}/{expires}/{signature}/{path}: the files of an output's HLS package
/// for whoever holds the signed prefix (see HlsLinks), no key, CORS open to any origin. Refusals as
/// for download links: 403 invalid_signature / link_expired, 410 content_deleted /
/// content_expired, 404 for a file the package does not have. Always streamed by this server,
/// never a redirect to the object store: a player resolves relative URIs against the URL it ended
/// at, and a presigned object URL would take every later request outside the signed prefix.
internal static class HlsEndpoints
{
    const string Route = "/hls/{taskId}/{index}/{expires}/{signature}/{**path}";

    public static void MapHls(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Route, ["HEAD"], Handle).ExcludeFromDescription();
        app.MapMethods(Route, ["OPTIONS"], (HttpContext http) => { Cors(http); return TypedResults.NoContent(); }).ExcludeFromDescription();
        app.MapGet(Route, Handle).WithTags("Links").WithName("GetHlsFile")
            .Produces(200, typeof(Stream), HlsPackager.PlaylistType, HlsPackager.SegmentType).Produces(206, typeof(Stream), HlsPackager.SegmentType)
            .ProducesProblems(403, 404, 410)
            .WithSummary("A playlist or segment of an output's HLS package (the task's `hls_url` and what it points to); needs no API key.");
    }

    static async Task<IResult> Handle(string taskId, string index, string expires, string signature, string path, HttpContext http,
        SignedLinks links, IDbContextFactory<ReelgateDb> dbs, IBlobStore blobs, CancellationToken ct)
    {
        Cors(http);
        if (!int.TryParse(index, out var i) || i < 0 || !long.TryParse(expires, out var exp) || !links.Valid(taskId, i, HlsLinks.Scope, exp, signature))
            return new ApiError(403, "invalid_signature", "This link is not valid: it was altered or was never issued by this server.", "signature").ToResult();
        if (links.Expired(exp))
            return new ApiError(403, "link_expired", "This link has expired; read the task again for a fresh one.", "expires").ToResult();
        if (!HlsPath.Safe(path))
            return new ApiError(404, "not_found", "This HLS package has no such file.", "path").ToResult();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => new { t.OutputsJson, t.CompletedAt, t.CreatedAt }).FirstOrDefaultAsync(ct);
        if (task is null)
            return new ApiError(410, "content_deleted", "The video behind this link was deleted.", "id").ToResult();
        if (task.OutputsJson is null)
            return new ApiError(410, "content_expired", "The retention period of this video has passed and its content was deleted.", "id").ToResult();
        // The package's folder is its renditions row's storage key (under the attempt that made it).
        var folder = (await Sql.QueryAsync<string>(db, ct, "SELECT storage_key FROM renditions WHERE task_id = @taskId AND output_index = @i AND name = @name AND status = @status",
            new { taskId, i, name = RenditionAsk.HlsName, status = RenditionStatuses.Completed })).FirstOrDefault();
        var stream = folder is null ? null : await blobs.OpenReadAsync(folder + path, ct);
        if (stream is null)
            return new ApiError(404, "not_found", "This HLS package has no such file.", "path").ToResult();
        return TypedResults.Stream(stream, HlsPackager.ContentType(path), lastModified: DateTimeOffset.FromUnixTimeMilliseconds(task.CompletedAt ?? task.CreatedAt),
            enableRangeProcessing: true);
    }

    /// Browser players fetch from another origin; the signature in the path is the permission.
    static void Cors(HttpContext http)
    {
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
        http.Response.Headers.AccessControlAllowHeaders = "Range";
        http.Response.Headers.AccessControlExposeHeaders = "Content-Length, Content-Range, Accept-Ranges";
    }
}
