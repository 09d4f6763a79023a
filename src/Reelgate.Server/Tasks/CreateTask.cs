using Microsoft.Extensions.Options;
using Reelgate.Server.Accounts;
using Reelgate.Server.Http;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Tasks.Deadlines;
using Reelgate.Server.Tasks.Submission;
using Reelgate.Server.Tasks.Waiting;

namespace Reelgate.Server.Tasks;

/// POST /v1/videos: read the fields (JSON or multipart), parse them into a draft, and hand it to
/// the one submission path. The answer (202 with the task) comes before any rendering — unless the
/// client sent `Prefer: wait`: then it comes when the task ended (201 with the finished task) or
/// the wait ran out (202 with the task as it is then). `Cancel-After` sets the task's deadline.
internal static class CreateTask
{
    public static async Task<IResult> Handle(HttpContext http, TaskSubmission submission, TaskJson json, TaskWaits waits, TaskLookup lookup, IOptions<TasksOptions> options, CancellationToken ct)
    {
        var (cancelAfter, deadlineError) = CancelAfter.Read(http.Request.Headers[CancelAfter.Header]);
        if (deadlineError is not null) return deadlineError.ToResult();
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var (draft, error) = RequestParser.Parse(fields);
        if (draft is null) return error!.ToResult();
        var claim = IdempotencyClaim.Of(http);
        // Under an Idempotency-Key the stored answer is the create answer (202), whatever a wait brings later.
        var context = new SubmitContext(TaskJson.Origin(http.Request), claim is null ? null
            : new IdempotentAnswer(claim, t => new StoredAnswer(202, TaskJson.ContentType, Location(t), json.Bytes(t, http.Request))), CancelAfter: cancelAfter);
        var caller = Caller.From(http);
        var submitted = await submission.SubmitAsync(caller, draft, context, ct);
        if (submitted.Task is not { } task) return submitted.Error!.ToResult();
        http.Response.Headers.Location = Location(task);
        Catalog.ModelHeaders.Apply(http.Response.Headers, draft.ModelChoice);
        if (PreferWait.Seconds(http.Request.Headers["Prefer"], options.Value.MaxWaitSeconds) is not { } wait)
            return submitted.Answer is { } stored ? TaskJson.Answer(stored.Body, stored.Status) : json.Result(task, http.Request, 202, remember: false);

        // The task is committed: a client that leaves now only ends its own wait, never the task.
        http.Response.Headers["Preference-Applied"] = $"wait={wait}";
        var ended = await waits.UntilEndedAsync(task.Id, TimeSpan.FromSeconds(wait), ct);
        if (ct.IsCancellationRequested) return Results.Empty;
        var now = await lookup.FindAsync(task.Id, caller.AccountId, ct) ?? task; // deleted meanwhile: the task as created
        return json.Result(now, http.Request, ended && TaskStatuses.IsFinished(now.Status) ? 201 : 202, remember: false);
    }

    static string Location(Data.VideoTask task) => $"/v1/videos/{task.Id}";
}
