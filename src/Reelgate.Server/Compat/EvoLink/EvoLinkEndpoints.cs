using System.Text.Json;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Submission;

namespace Reelgate.Server.Compat.EvoLink;

/// Seed 004 (EvoLink): `POST /v1/videos/generations` creates, `GET /v1/tasks/{task_id}` reads, as
/// EvoLink documents them; both answer the task object, errors in EvoLink's envelope.
internal static class EvoLinkEndpoints
{
    const string Tag = "EvoLink (seed 004)";

    public static void MapEvoLink(this IEndpointRouteBuilder app)
    {
        var envelope = new EvoLinkEnvelope();
        app.MapDialect("/v1/videos/generations", envelope, Tag).MapPost("", Create).WithName("EvoLinkCreateVideo").DisableAntiforgery()
            .Accepts<EvoLinkCreateDoc>("application/json").Produces<EvoLinkTask>()
            .WithSummary("Queue a Veo video task as EvoLink does; answers the task object (seed 004).");
        app.MapDialect("/v1/tasks", envelope, Tag).MapGet("/{task_id}", Get).WithName("EvoLinkGetTask").Produces<EvoLinkTask>()
            .WithSummary("A task as EvoLink shows it: status, progress, key-free result URLs (seed 004).");
    }

    static async Task<IResult> Create(HttpContext http, TaskSubmission submission, TaskViews views, SignedLinks links, CancellationToken ct)
    {
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var (draft, error) = EvoLinkRequest.Parse(fields);
        if (draft is null) return error!.ToResult();
        var origin = TaskJson.Origin(http.Request);
        byte[] Answer(VideoTask t)
        {
            var view = views.Of(t, remember: false);
            return JsonSerializer.SerializeToUtf8Bytes(EvoLinkTasks.Of(view, links.Of(view, origin)), Json.Wire);
        }
        var submitted = await DialectSubmit.SubmitAsync(http, submission, draft, Dialects.EvoLink, 200, Answer, ct);
        return submitted.Task is null ? NativeDraft.Rename(submitted.Error!, EvoLinkRequest.ParamNames).ToResult() : DialectSubmit.Answer(submitted, 200, Answer);
    }

    static async Task<IResult> Get(string task_id, HttpContext http, TaskLookup lookup, TaskViews views, SignedLinks links, CancellationToken ct)
    {
        if (await lookup.FindAsync(task_id, Caller.From(http).AccountId, ct) is not { } row)
            return (ApiError.NotFound("task", task_id) with { Param = "task_id" }).ToResult();
        var view = views.Of(row);
        return TypedResults.Json(EvoLinkTasks.Of(view, links.Of(view, TaskJson.Origin(http.Request))), Json.Wire);
    }
}

/// POST /v1/videos/generations's body: EvoLink's documented parameters and defaults.
[RequestBodyDoc]
internal sealed record EvoLinkCreateDoc(
    string Prompt, string? Model, string? AspectRatio, IReadOnlyList<string>? ImageUrls, string? GenerationType, bool? EnhancePrompt,
    string? CallbackUrl, string? Quality, int? Duration, bool? GenerateAudio, int? N, string? NegativePrompt, long? Seed,
    string? PersonGeneration, string? ResizeMode);
