using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Tasks.Submission;

namespace Reelgate.Server.Tasks.Sequels;

/// POST /v1/videos/{id}/extend and /remix: find the parent among the caller's tasks (404
/// otherwise), build the draft (SequelDrafts: 409 until it completed, 410 once its files are
/// gone), and hand it to the one submission path, which routes it (SequelRoutes) and prices it.
/// The answer is the new task, 202, as for a create.
internal static class SequelEndpoints
{
    public static void MapSequels(this RouteGroupBuilder v1)
    {
        var videos = v1.MapGroup("/videos").WithTags("Videos");
        videos.MapPost("/{id}/extend", Extend).WithName("ExtendVideo").DisableAntiforgery()
            .Accepts<ExtendVideoSchema>("application/json", "multipart/form-data")
            .Produces<VideoObject>(202).ProducesProblems(400, 402, 403, 404, 409, 410)
            .WithSummary("Continue a completed video by `seconds` (Veo 3.1 adds 7; the local engine 4–8) with a new prompt: a new task, `extended_from_video_id`, whose output is the whole video at the parent's size, billed for the added seconds.");
        videos.MapPost("/{id}/remix", Remix).WithName("RemixVideo").DisableAntiforgery()
            .Accepts<RemixVideoSchema>("application/json", "multipart/form-data")
            .Produces<VideoObject>(202).ProducesProblems(400, 402, 403, 404, 409, 410)
            .WithSummary("Render a completed video again with a new prompt (OpenAI's `videos.remix`): a new task, `remixed_from_video_id`, by the provider that made it when it can remix, else the local preview engine.");
    }

    static Task<IResult> Extend(string id, HttpContext http, [AsParameters] Services s, CancellationToken ct) =>
        SubmitAsync(id, http, s, (parent, f) => SequelDrafts.Extend(parent, f.String("prompt"), f.Long("seconds", allowString: true), f.String("callback_url")), ct);

    static Task<IResult> Remix(string id, HttpContext http, [AsParameters] Services s, CancellationToken ct) =>
        SubmitAsync(id, http, s, (parent, f) => SequelDrafts.Remix(parent, f.String("prompt"), f.String("callback_url")), ct);

    static async Task<IResult> SubmitAsync(string id, HttpContext http, Services s,
        Func<TaskView, RequestFields, (GenerationDraft? Draft, ApiError? Error)> draftOf, CancellationToken ct)
    {
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var caller = Caller.From(http);
        var row = await s.Db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.AccountId == caller.AccountId, ct);
        if (row is null) return ApiError.NotFound("video", id).ToResult();
        var (draft, error) = draftOf(s.Views.Of(row, remember: false), fields);
        if (fields.Error is { } typeError) return typeError.ToResult();
        if (draft is null) return error!.ToResult();
        var claim = IdempotencyClaim.Of(http);
        var context = new SubmitContext(TaskJson.Origin(http.Request), claim is null ? null
            : new IdempotentAnswer(claim, t => new StoredAnswer(202, TaskJson.ContentType, Location(t), s.Json.Bytes(t, http.Request))));
        var submitted = await s.Submission.SubmitAsync(caller, draft, context, ct);
        if (submitted.Task is not { } task) return submitted.Error!.ToResult();
        http.Response.Headers.Location = Location(task);
        return submitted.Answer is { } stored ? TaskJson.Answer(stored.Body, stored.Status) : s.Json.Result(task, http.Request, 202, remember: false);
    }

    static string Location(VideoTask task) => $"/v1/videos/{task.Id}";

    internal sealed record Services(ReelgateDb Db, TaskViews Views, TaskSubmission Submission, TaskJson Json);
}

/// The body of POST /v1/videos/{id}/extend.
internal sealed record ExtendVideoSchema(
    [property: System.ComponentModel.Description("What happens next in the video.")] string Prompt,
    [property: System.ComponentModel.Description("Seconds to add (Veo 3.1 adds 7; the local engine 4–8). Default 7.")] int? Seconds,
    string? CallbackUrl);

/// The body of POST /v1/videos/{id}/remix, as OpenAI's SDK sends it.
internal sealed record RemixVideoSchema(
    [property: System.ComponentModel.Description("The new prompt for the video.")] string Prompt,
    string? CallbackUrl);
