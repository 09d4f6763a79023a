using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Submission;

namespace Reelgate.Server.Compat.Doitong;

/// What both Doitong surfaces do with the task core: submit a request, read a task, show it.
internal sealed class DoitongTasks(TaskSubmission submission, TaskLookup lookup, TaskViews views, SignedLinks links)
{
    /// `render` is the surface's answer for the new task; under an Idempotency-Key it is stored in
    /// the task's own transaction (null: the surface cannot render it there, the filter stores it after).
    public async Task<(DoitongGeneration? Generation, ApiError? Error, StoredAnswer? Answer)> CreateAsync(
        HttpContext http, DoitongRequest request, Func<DoitongGeneration, byte[]>? render, CancellationToken ct)
    {
        var (draft, error) = DoitongRequests.ToDraft(request);
        if (draft is null) return (null, error, null);
        Catalog.ModelHeaders.Apply(http.Response.Headers, draft.ModelChoice);
        var origin = TaskJson.Origin(http.Request);
        var claim = render is null ? null : IdempotencyClaim.Of(http);
        var answer = claim is null ? null : new IdempotentAnswer(claim, t => new StoredAnswer(200, ContentType, null, render!(Show(t, origin))));
        var submitted = await submission.SubmitAsync(Caller.From(http), draft, new SubmitContext(origin, answer, Dialects.Doitong), ct);
        return submitted.Task is { } task ? (Show(task, origin), null, submitted.Answer) : (null, submitted.Error, null);
    }

    public async Task<DoitongGeneration?> FindAsync(HttpContext http, string id, CancellationToken ct) =>
        await lookup.FindAsync(id, Caller.From(http).AccountId, ct) is { } row ? Show(row, TaskJson.Origin(http.Request)) : null;

    public DoitongGeneration Show(VideoTask row, string origin)
    {
        var view = views.Of(row);
        return DoitongGenerations.Of(view, links.Of(view, origin));
    }

    public const string ContentType = "application/json; charset=utf-8";
}
