using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Submission;

namespace Reelgate.Server.Compat;

/// A dialect's create through the one submission path, as CreateTask does it for the native
/// surface: under an Idempotency-Key the dialect's own answer (its status and JSON) is stored in
/// the task's transaction, so a replay sends those exact bytes.
internal static class DialectSubmit
{
    public static Task<Submitted> SubmitAsync(
        HttpContext http, TaskSubmission submission, GenerationDraft draft, string dialect, int status, Func<VideoTask, byte[]> answer, CancellationToken ct,
        string contentType = TaskJson.ContentType)
    {
        var claim = IdempotencyClaim.Of(http);
        var idempotent = claim is null ? null : new IdempotentAnswer(claim, t => new StoredAnswer(status, contentType, null, answer(t)));
        return submission.SubmitAsync(Caller.From(http), draft, new SubmitContext(TaskJson.Origin(http.Request), idempotent, dialect), ct);
    }

    /// The answer of a submission that queued its task: the stored one under a key, else a fresh one.
    public static IResult Answer(Submitted submitted, int status, Func<VideoTask, byte[]> answer) =>
        submitted.Answer is { } stored ? TaskJson.Answer(stored.Body, stored.Status) : TaskJson.Answer(answer(submitted.Task!), status);
}
