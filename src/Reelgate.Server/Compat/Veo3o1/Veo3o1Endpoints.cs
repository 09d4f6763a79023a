using System.Text.Json;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Files;
using Reelgate.Server.Http;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Submission;

namespace Reelgate.Server.Compat.Veo3o1;

/// Seed 003 (veo3o1.com's API) under `/api`: generate-video, video-status/{uuid} and
/// upload-video-image, each answering `{"code","msg","data"}`.
internal static class Veo3o1Endpoints
{
    public static void MapVeo3o1(this IEndpointRouteBuilder app)
    {
        var api = app.MapDialect("/api", new Veo3o1Envelope(), "veo3o1 (seed 003)");
        api.MapPost("/generate-video", Generate).WithName("Veo3o1GenerateVideo").DisableAntiforgery()
            .Accepts<Veo3o1GenerateDoc>("application/json").Produces<Veo3o1Answer<Veo3o1Created>>()
            .WithSummary("Queue a text-to-video or image-to-video task (seed 003).");
        api.MapGet("/video-status/{uuid}", Status).WithName("Veo3o1VideoStatus").Produces<Veo3o1Answer<Veo3o1Status>>()
            .WithSummary("A task's status, progress and key-free video link (seed 003).");
        api.MapPost("/upload-video-image", Upload).WithName("Veo3o1UploadImage").DisableAntiforgery()
            .Accepts<FileUploadDoc>("multipart/form-data").Produces<Veo3o1Answer<Veo3o1Upload>>()
            .WithSummary("Upload a JPEG, PNG or WebP image for image_to_video (seed 003).");
    }

    static async Task<IResult> Generate(HttpContext http, TaskSubmission submission, TaskViews views, CancellationToken ct)
    {
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var (draft, error) = Veo3o1Request.Parse(fields, TaskJson.Origin(http.Request));
        if (draft is null) return error!.ToResult();
        byte[] Answer(VideoTask t) => JsonSerializer.SerializeToUtf8Bytes(Veo3o1Answers.Created(views.Of(t, remember: false)), Veo3o1Answers.Wire);
        var submitted = await DialectSubmit.SubmitAsync(http, submission, draft, Dialects.Veo3o1, 200, Answer, ct);
        return submitted.Task is null
            ? NativeDraft.Rename(submitted.Error!, Veo3o1Request.ParamNames(draft.Images.FirstOrDefault()?.Param)).ToResult()
            : DialectSubmit.Answer(submitted, 200, Answer);
    }

    static async Task<IResult> Status(string uuid, HttpContext http, TaskLookup lookup, TaskViews views, SignedLinks links, CancellationToken ct)
    {
        if (await lookup.FindAsync(uuid, Caller.From(http).AccountId, ct) is not { } row)
            return (ApiError.NotFound("video", uuid) with { Param = "uuid" }).ToResult();
        var view = views.Of(row);
        return TypedResults.Json(Veo3o1Answers.Status(view, links.Of(view, TaskJson.Origin(http.Request))), Veo3o1Answers.Wire);
    }

    static async Task<IResult> Upload(HttpContext http, ImageIntake intake, Tiers tiers, CancellationToken ct)
    {
        var (file, error) = await FilesEndpoints.UploadAsync(http, intake, tiers, ct);
        if (file is null) return error!.ToResult();
        var data = new Veo3o1Upload(Veo3o1Request.FileUrl(file.Id, TaskJson.Origin(http.Request)), file.Id);
        return TypedResults.Json(new Veo3o1Answer<Veo3o1Upload>(Veo3o1Envelope.Success, "Upload successful", data), Veo3o1Answers.Wire);
    }
}

/// POST /api/generate-video's body (seed 003).
[RequestBodyDoc]
internal sealed record Veo3o1GenerateDoc(
    [property: System.Text.Json.Serialization.JsonPropertyName("generationType")] string GenerationType, string Prompt,
    [property: System.Text.Json.Serialization.JsonPropertyName("aspectRatio")] string? AspectRatio,
    [property: System.Text.Json.Serialization.JsonPropertyName("imageUrl")] string? ImageUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("imageKey")] string? ImageKey);
