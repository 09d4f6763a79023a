using System.Security.Cryptography;
using System.Text.Json;
using Reelgate.Server.Accounts;
using Reelgate.Server.Billing;
using Reelgate.Server.Data;
using Reelgate.Server.Files;
using Reelgate.Server.Http;
using Reelgate.Server.Providers.Routing;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Tasks.Submission;

/// The one way a task comes into being, whatever surface the request came through (the native
/// API, a dialect, a storyboard shot): a caller and a parsed draft in, the queued task or an
/// ApiError out. Resolve the images, normalize the request (TaskRequests, pure), ask the router
/// whether anyone can serve it, price it, then hold the credits, count the limits, insert the row
/// and store the idempotent answer in one transaction, and wake a worker.
internal sealed class TaskSubmission(
    ReelgateDb db, ImageIntake images, ProviderRegistry providers, WorkerSignal signal, Tiers tiers, Pricing pricing, UsageCache usage,
    Webhooks.WebhooksOptions webhooks, TimeProvider clock)
{
    public async Task<Submitted> SubmitAsync(Caller caller, GenerationDraft draft, SubmitContext context, CancellationToken ct)
    {
        // A draft built from a model spec rather than a name (a dialect's mapping) is looked up
        // here, so a shut-down model is served by its replacement whatever surface it came through.
        if (draft.ModelChoice is null && Catalog.ModelCatalog.Current.Choose(draft.Model.Id, clock.GetUtcNow()) is { } choice)
            draft = draft with { Model = choice.Served, ModelChoice = choice };
        var tier = tiers.For(caller.Tier);
        if (draft.CallbackUrl is { } callback && await Webhooks.CallbackUrlGuard.CheckAsync(callback, webhooks, ct) is { } callbackError)
            return Submitted.Refused(callbackError);
        var files = new List<StoredFile>();
        foreach (var input in draft.Images)
        {
            var (file, imageError) = await images.ResolveAsync(caller.AccountId, tier.StorageBytes, input, ct);
            if (file is null) return Submitted.Refused(imageError!);
            files.Add(file);
        }
        var (request, ruleError) = TaskRequests.Normalize(draft, files, draft.Seed ?? RandomSeed());
        if (request is null) return Submitted.Refused(ruleError!);
        // An upscale is FFmpeg work on a stored output, done by the worker itself: no provider is asked.
        var plan = Router.Plan(request, caller.Sandbox || request.UpscaledFrom is not null ? [] : providers.CandidatesFor(request.Model));
        if (plan.Refusal is { } refusal) return Submitted.Refused(refusal);

        var price = pricing.Price(request);
        var billing = caller.Sandbox ? BillingStates.Sandbox : tier.Metered ? BillingStates.Held : BillingStates.Unmetered;
        var task = new VideoTask
        {
            Id = Ids.New("video", clock), AccountId = caller.AccountId, Status = TaskStatuses.Queued, Model = request.Model,
            // The provider expected to serve it; the worker writes the one that accepted the job.
            Provider = request.UpscaledFrom is not null ? Upscales.Provider : plan.Local ? draft.Model.Provider : plan.Ordered[0].Provider,
            Prompt = request.Prompt, RequestJson = JsonSerializer.Serialize(request, Json.Wire),
            Seconds = request.Duration, Size = $"{request.Width}x{request.Height}",
            CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Credits = caller.Sandbox ? 0 : price, Billing = billing, Sandbox = caller.Sandbox, Origin = context.Origin,
            Dialect = context.Dialect,
            DeadlineAt = context.CancelAfter is { } after ? clock.GetUtcNow().Add(after).ToUnixTimeMilliseconds() : null,
        };
        // The limits, the credit hold, the task row and the idempotent answer commit together or not at all.
        StoredAnswer? answer = null;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var (passed, limitError) = await SubmitGate.PassAsync(db, tier, tiers, caller.AccountId, task.Id, task.Model,
                request.Duration * request.N, price, billing == BillingStates.Held, task.CreatedAt, ct);
            if (passed is null) return Submitted.Refused(limitError!);
            db.Tasks.Add(task);
            await db.SaveChangesAsync(ct);
            if (context.Idempotent is { } idempotent)
            {
                answer = idempotent.Answer(task);
                await idempotent.Claim.CompleteAsync(db, answer.Status, answer.ContentType, answer.Location, answer.Body, ct);
            }
            await tx.CommitAsync(ct);
            usage.Update(caller.AccountId, passed.Balance, passed.MonthUsed);
        }
        signal.Pulse();
        return new Submitted(task, null, answer);
    }

    static uint RandomSeed() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
}

/// What a submission needs besides the caller and the draft: the base of the content links in
/// webhook payloads (scheme, host and path base of the request), under an Idempotency-Key how the
/// surface renders its answer (stored in the task's own transaction), the surface's name
/// (Compat.Dialects), which decides the shape of the task's callbacks, and how long the task may
/// take before it is cancelled (Cancel-After; Tasks.Deadlines).
internal sealed record SubmitContext(string Origin, IdempotentAnswer? Idempotent = null, string Dialect = Compat.Dialects.Native, TimeSpan? CancelAfter = null);

internal sealed record IdempotentAnswer(Idempotency.IdempotencyClaim Claim, Func<VideoTask, StoredAnswer> Answer);

internal sealed record StoredAnswer(int Status, string ContentType, string? Location, byte[] Body);

/// The queued task (with the answer stored for its idempotency key, if any), or why not.
internal sealed record Submitted(VideoTask? Task, ApiError? Error, StoredAnswer? Answer)
{
    public static Submitted Refused(ApiError error) => new(null, error, null);
}
