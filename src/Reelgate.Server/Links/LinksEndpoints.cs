using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Links;

/// GET/HEAD /links/{task}/{index}/{file}?expires=&signature=: an output's bytes for whoever holds
/// the link (browsers, curl, other services), no key. Refusals: a signature that does not match
/// → 403 invalid_signature; past `expires` → 403 link_expired; the task deleted → 410
/// content_deleted; past retention → 410 content_expired. Downloads count against the owner's
/// daily download limit as /content does.
internal static class LinksEndpoints
{
    public static void MapLinks(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/links/{taskId}/{index}/{file}", ["HEAD"], Handle).ExcludeFromDescription();
        app.MapGet("/links/{taskId}/{index}/{file}", Handle).WithTags("Links").WithName("GetSignedLink")
            .Produces(200, typeof(Stream), "video/mp4", "video/webm", "image/jpeg", "image/webp", "text/vtt").Produces(206, typeof(Stream), "video/mp4", "video/webm")
            .ProducesProblems(403, 404, 410)
            .WithSummary("Download an output through a signed, expiring link (the `download_url` of an output); needs no API key.");
    }

    static async Task<IResult> Handle(string taskId, string index, string file, string? expires, string? signature, HttpContext http, SignedLinks links,
        IDbContextFactory<ReelgateDb> dbs, IBlobStore blobs, IOptions<StorageOptions> storage, Tiers tiers, TimeProvider clock, CancellationToken ct)
    {
        var rendition = Media.Renditions.RenditionLadder.All.FirstOrDefault(s => s.FileName == file);
        if (!int.TryParse(index, out var i) || i < 0 || (file is not (SignedLinks.Video or SignedLinks.Thumbnail) && rendition is null && Previews.PreviewLinks.VariantOf(file) is null)
            || !long.TryParse(expires, out var exp) || string.IsNullOrEmpty(signature) || !links.Valid(taskId, i, file, exp, signature))
            return new ApiError(403, "invalid_signature", "This link is not valid: it was altered or was never issued by this server.", "signature").ToResult();
        if (links.Expired(exp))
            return new ApiError(403, "link_expired", "This link has expired; read the task again for a fresh one.", "expires").ToResult();
        await using var db = await dbs.CreateDbContextAsync(ct);
        // The task and its owner's tier in one query.
        var found = await (from t in db.Tasks.AsNoTracking()
                           where t.Id == taskId
                           join a in db.Accounts on t.AccountId equals a.Id
                           select new { Task = t, a.Tier }).FirstOrDefaultAsync(ct);
        var task = found?.Task;
        if (task is null)
            return new ApiError(410, "content_deleted", "The video behind this link was deleted.", "id").ToResult();
        if (task.OutputsJson is null)
            return new ApiError(410, "content_expired", "The retention period of this video has passed and its content was deleted.", "id").ToResult();
        var outputs = JsonSerializer.Deserialize<List<TaskOutput>>(task.OutputsJson, Json.Wire)!;
        if (i >= outputs.Count) return new ApiError(404, "not_found", "This video has no such output.", "index").ToResult();
        var variant = rendition is not null ? "rendition" : file == SignedLinks.Video ? "video" : "thumbnail";
        if (variant != "thumbnail" && HttpMethods.IsGet(http.Request.Method) && TaskContent.StartsDownload(http.Request))
        {
            var tier = tiers.For(found!.Tier);
            if (tier.Metered && await TaskContent.CountDownloadAsync(dbs, task.AccountId, tier, clock, ct) is { } limited) return limited.ToResult();
        }
        // Anyone may embed the link (a <video> on another origin): the signature is the permission.
        http.Response.Headers.AccessControlAllowOrigin = "*";
        if (rendition is not null) return await Renditions.RenditionContent.StreamAsync(task, i, rendition.Name, blobs, storage.Value, ct);
        if (Previews.PreviewLinks.VariantOf(file) is { } preview) return await Previews.PreviewContent.ServeAsync(task, outputs[i], preview, http, ct);
        return await TaskContent.StreamAsync(task, outputs[i], variant, blobs, storage.Value, ct);
    }
}
