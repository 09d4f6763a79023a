using Reelgate.Server.Accounts;
using Reelgate.Server.Http;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Tasks.Submission;

namespace Reelgate.Server.Tasks;

/// POST /v1/videos: read the fields (JSON or multipart), parse them into a draft, and hand it to
/// the one submission path. The answer (202 with the task) comes before any rendering.
internal static class CreateTask
{
    public static async Task<IResult> Handle(HttpContext http, TaskSubmission submission, TaskJson json, CancellationToken ct)
    {
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var (draft, error) = RequestParser.Parse(fields);
        if (draft is null) return error!.ToResult();
        var claim = IdempotencyClaim.Of(http);
        var context = new SubmitContext(TaskJson.Origin(http.Request), claim is null ? null
            : new IdempotentAnswer(claim, t => new StoredAnswer(202, TaskJson.ContentType, Location(t), json.Bytes(t, http.Request))));
        var submitted = await submission.SubmitAsync(Caller.From(http), draft, context, ct);
        if (submitted.Task is not { } task) return submitted.Error!.ToResult();
        http.Response.Headers.Location = Location(task);
        Catalog.ModelHeaders.Apply(http.Response.Headers, draft.ModelChoice);
        return submitted.Answer is { } stored ? TaskJson.Answer(stored.Body, stored.Status) : json.Result(task, http.Request, 202, remember: false);
    }

    static string Location(Data.VideoTask task) => $"/v1/videos/{task.Id}";
}
