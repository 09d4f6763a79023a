using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Files;

internal static class FilesEndpoints
{
    public static void MapFiles(this RouteGroupBuilder v1)
    {
        var files = v1.MapGroup("/files").WithTags("Files");
        files.MapPost("", Upload).WithName("UploadFile").DisableAntiforgery()
            .Accepts<FileUploadDoc>("multipart/form-data").Produces<FileObject>(201).ProducesProblems(400, 403)
            .WithSummary("Upload an image (PNG, JPEG or WebP) to use in videos by its id.");
        files.MapGet("/{id}", async (string id, HttpContext http, ReelgateDb db) =>
            await Find(db, id, http) is { } f ? TypedResults.Json(FileObject.From(f)) : ApiError.NotFound("file", id).ToResult())
            .WithName("GetFile").Produces<FileObject>().ProducesProblems(404);
        files.MapGet("/{id}/content", Content).WithName("GetFileContent")
            .Produces(200, typeof(Stream), "image/png", "image/jpeg", "image/webp").ProducesProblems(404, 410);
        files.MapDelete("/{id}", Delete).WithName("DeleteFile").Produces<DeletedObject>().ProducesProblems(404);
    }

    /// multipart/form-data with the image in a part named `file` (and an optional `purpose`).
    static async Task<IResult> Upload(HttpContext http, ImageIntake intake, Tiers tiers, CancellationToken ct)
    {
        var (file, error) = await UploadAsync(http, intake, tiers, ct);
        return file is null ? error!.ToResult() : TypedResults.Json(FileObject.From(file), statusCode: 201);
    }

    /// The one upload step (form part `file` → stored, verified image of the caller's account),
    /// shared by every surface that uploads images (the native API, veo3o1's upload-video-image).
    public static async Task<(StoredFile? File, ApiError? Error)> UploadAsync(HttpContext http, ImageIntake intake, Tiers tiers, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            return (null, new ApiError(415, "unsupported_media_type", "Upload images as multipart/form-data with a part named 'file'.", "file"));
        IFormCollection form;
        try { form = await http.Request.ReadFormAsync(ct); }
        catch (InvalidDataException e) { return (null, new ApiError(400, "invalid_form", $"The form body could not be read: {e.Message}", "file")); }
        var upload = form.Files.GetFile("file");
        if (upload is null) return (null, ApiError.Invalid("file", "Send the image in a multipart part named 'file'.", "missing_parameter"));
        return await intake.FromUploadAsync(Caller.From(http).AccountId, tiers.For(Caller.From(http).Tier).StorageBytes, upload, "file", ct);
    }

    static async Task<IResult> Content(string id, HttpContext http, ReelgateDb db, IBlobStore blobs, CancellationToken ct)
    {
        if (await Find(db, id, http) is not { } f) return ApiError.NotFound("file", id).ToResult();
        var stream = await blobs.OpenReadAsync(f.StorageKey, ct);
        return stream is null
            ? new ApiError(410, "content_expired", "The file's content is no longer stored.", "id").ToResult()
            : TypedResults.Stream(stream, f.ContentType, entityTag: new EntityTagHeaderValue($"\"{f.Sha256}\""), enableRangeProcessing: true);
    }

    static async Task<IResult> Delete(string id, HttpContext http, ReelgateDb db, IBlobStore blobs, CancellationToken ct)
    {
        if (await Find(db, id, http) is not { } f) return ApiError.NotFound("file", id).ToResult();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (await db.Files.Where(x => x.Id == f.Id).ExecuteDeleteAsync(ct) == 1)
                await Billing.StorageUse.AddAsync(db, f.AccountId, -f.Bytes, ct);
            await tx.CommitAsync(ct);
        }
        await blobs.DeletePrefixAsync(f.StorageKey, ct);
        return TypedResults.Json(new DeletedObject(id, "file.deleted", true));
    }

    static Task<StoredFile?> Find(ReelgateDb db, string id, HttpContext http)
    {
        var account = Caller.From(http).AccountId;
        return db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.AccountId == account);
    }
}
