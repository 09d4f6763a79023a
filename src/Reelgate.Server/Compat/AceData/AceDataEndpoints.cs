using Microsoft.Extensions.Options;
using Reelgate.Server.Accounts;
using Reelgate.Server.Http;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Submission;
using Reelgate.Server.Tasks.Waiting;

namespace Reelgate.Server.Compat.AceData;

/// Seed 002 (AceData): `POST /veo/videos` creates (and, without callback_url, waits for the
/// result); `POST /veo/tasks` reads one task (`id`) or several (`ids`), as AceData documents.
internal static class AceDataEndpoints
{
    public const string Tag = "AceData (seed 002)";

    public static IServiceCollection AddAceData(this IServiceCollection services)
    {
        services.AddOptions<AceDataOptions>().BindConfiguration(AceDataOptions.Section)
            .Validate(o => o.WaitSeconds >= 0, "Compat:AceData:WaitSeconds must not be negative").ValidateOnStart();
        return services.AddSingleton<DialectCallback, AceDataCallback>();
    }

    public static void MapAceData(this WebApplication app)
    {
        var group = app.MapDialect("/veo", new AceDataEnvelope(), Tag);
        group.MapPost("/videos", CreateAsync).WithName("AceDataCreate")
            .Produces<AceDataResult>().Produces<AceDataAccepted>();
        group.MapPost("/tasks", AceDataTasksEndpoint.HandleAsync).WithName("AceDataTasks")
            .Produces<AceDataTask>().Produces<AceDataTasks>();
    }

    internal sealed record Services(TaskSubmission Submission, TaskLookup Lookup, TaskViews Views, SignedLinks Links, TaskWaits Waits, IOptions<AceDataOptions> Options);

    static async Task<IResult> CreateAsync(HttpContext http, [AsParameters] Services s, CancellationToken ct)
    {
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var (create, error) = AceDataRequest.Parse(fields);
        if (create is null) return error!.ToResult();
        var caller = Caller.From(http);
        var draft = create.Draft;
        if (create.Source is { } source)
        {
            if (await s.Lookup.FindAsync(source.TaskId, caller.AccountId, ct) is not { } row)
                return ApiError.NotFound("video", source.ToString()).ToResult();
            (draft, error) = Upscales.Draft(s.Views.Of(row), source.Index, fields.String("callback_url"), "video_id");
            if (draft is null) return error!.ToResult();
        }
        var origin = TaskJson.Origin(http.Request);
        // A replay answers as a wait that ran out: the task id and its state when it was created.
        var submitted = await DialectSubmit.SubmitAsync(http, s.Submission, draft!, Dialects.AceData, 200,
            t => Answer(s, t, create.Waits, origin, http.TraceIdentifier), ct);
        if (submitted.Task is not { } task) return submitted.Error!.ToResult();
        Catalog.ModelHeaders.Apply(http.Response.Headers, draft!.ModelChoice);
        if (!create.Waits) return TaskJson.Answer(submitted.Answer?.Body ?? Answer(s, task, false, origin, http.TraceIdentifier), 200);
        // Ended or not, the answer is the task as it is now (a wait that ran out shows "processing").
        await s.Waits.UntilEndedAsync(task.Id, TimeSpan.FromSeconds(s.Options.Value.WaitSeconds), ct);
        var now = await s.Lookup.FindAsync(task.Id, caller.AccountId, ct) ?? task;
        return TaskJson.Answer(Answer(s, now, true, origin, http.TraceIdentifier), 200);
    }

    static byte[] Answer(Services s, Data.VideoTask task, bool waits, string origin, string traceId)
    {
        if (!waits) return AceDataJson.Bytes(new AceDataAccepted(task.Id));
        var view = s.Views.Of(task, remember: false);
        return AceDataJson.Bytes(AceDataJson.Result(view, s.Links.Of(view, origin), traceId));
    }
}
