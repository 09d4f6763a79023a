using System.Security.Cryptography;
using System.Text.Json;
using Reelgate.Server.Accounts;
using Reelgate.Server.Billing;
using Reelgate.Server.Catalog;
using Reelgate.Server.Data;
using Reelgate.Server.Files;
using Reelgate.Server.Http;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Tasks;

/// POST /v1/videos: parse (JSON or multipart), resolve images, decide `auto`, check the model's
/// rules, store the task as queued, wake a worker. The answer comes before any rendering.
internal static class CreateTask
{
    public static async Task<IResult> Handle(
        HttpContext http, ReelgateDb db, ImageIntake images, Providers.Routing.ProviderRegistry providers, WorkerSignal signal, TaskJson json, Tiers tiers, Pricing pricing, UsageCache usage, Webhooks.WebhooksOptions webhooks,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(http);
        var tier = tiers.For(caller.Tier);
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var (draft, error) = RequestParser.Parse(fields);
        if (draft is null) return error!.ToResult();
        if (draft.CallbackUrl is { } callback && await Webhooks.CallbackUrlGuard.CheckAsync(callback, webhooks, ct) is { } callbackError)
            return callbackError.ToResult();

        var files = new List<StoredFile>();
        foreach (var input in draft.Images)
        {
            var (file, imageError) = await images.ResolveAsync(caller.AccountId, tier.StorageBytes, input, ct);
            if (file is null) return imageError!.ToResult();
            files.Add(file);
        }
        var aspect = draft.AspectRatio == "auto" ? DecideAuto(draft, files) : draft.AspectRatio;
        var ruleError = RequestParser.CheckRules(draft.Model, new RuleInput(draft.Duration, draft.Resolution, aspect, draft.GenerationType, files.Count, draft.GenerateAudio));
        if (ruleError is not null) return ruleError.ToResult();

        var (w, h) = VideoSizes.For(draft.Resolution, aspect);
        var request = new GenerationRequest(draft.Model.Id, draft.Prompt, draft.NegativePrompt, draft.Duration, aspect, draft.Resolution,
            w, h, draft.Fps, draft.GenerationType, files.Select(f => f.Id).ToList(), draft.Seed ?? RandomSeed(), draft.N,
            draft.GenerateAudio, draft.PersonGeneration, draft.ResizeMode, draft.EnhancePrompt, draft.CallbackUrl, draft.Metadata);
        var candidates = caller.Sandbox ? [] : providers.CandidatesFor(request.Model);
        if (Unserved(request, candidates) is { } unserved) return unserved.ToResult();
        var price = pricing.Price(request.Model, request.Duration, request.Resolution, request.GenerateAudio, request.N);
        var billing = caller.Sandbox ? BillingStates.Sandbox : tier.Metered ? BillingStates.Held : BillingStates.Unmetered;
        var task = new VideoTask
        {
            Id = Ids.New("video", clock), AccountId = caller.AccountId, Status = TaskStatuses.Queued, Model = request.Model,
            // The provider expected to serve it; the worker writes the one that accepted the job.
            Provider = candidates.Count > 0 ? Providers.Routing.Router.Order(request, candidates)[0].Provider : draft.Model.Provider, Prompt = request.Prompt, RequestJson = JsonSerializer.Serialize(request, Json.Wire),
            Seconds = request.Duration, Size = $"{w}x{h}",
            CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Credits = caller.Sandbox ? 0 : price, Billing = billing, Sandbox = caller.Sandbox,
            Origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}",
        };
        // The limits, the credit hold and the task row commit together or not at all.
        byte[]? answer = null;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var (passed, limitError) = await SubmitGate.PassAsync(db, tier, tiers, caller.AccountId, task.Id, task.Model,
                request.Duration * request.N, price, billing == BillingStates.Held, task.CreatedAt, ct);
            if (passed is null) return limitError!.ToResult();
            db.Tasks.Add(task);
            await db.SaveChangesAsync(ct);
            // With an Idempotency-Key, the answer is stored in the task's own transaction.
            if (Idempotency.IdempotencyClaim.Of(http) is { } claim)
            {
                answer = json.Bytes(task, http.Request);
                await claim.CompleteAsync(db, 202, TaskJson.ContentType, Location(task), answer, ct);
            }
            await tx.CommitAsync(ct);
            usage.Update(caller.AccountId, passed.Balance, passed.MonthUsed);
        }
        signal.Pulse();
        http.Response.Headers.Location = Location(task);
        return answer is null ? json.Result(task, http.Request, 202, remember: false) : TaskJson.Answer(answer, 202);
    }

    /// When remote providers serve the model, one of them must be able to do this request.
    internal static ApiError? Unserved(GenerationRequest request, IReadOnlyList<Providers.Routing.Candidate> candidates)
    {
        if (candidates.Count == 0 || Providers.Routing.Router.Order(request, candidates).Count > 0) return null;
        var why = candidates.Select(c => Providers.Routing.Router.Unfit(c, request)!.Value).ToList();
        return new ApiError(400, "unsupported_by_providers",
            $"No configured provider of {request.Model} can do this request: {string.Join("; ", why.Select(w => w.Message))}.", why[0].Param);
    }

    static string Location(VideoTask task) => $"/v1/videos/{task.Id}";

    /// `auto` follows the first image's orientation; without images (or in reference mode) it is 16:9.
    internal static string DecideAuto(GenerationDraft draft, IReadOnlyList<StoredFile> files)
    {
        if (files.Count == 0 || draft.GenerationType == GenerationTypes.Reference) return "16:9";
        var (w, h) = (files[0].Width, files[0].Height);
        var caps = draft.Model.Capabilities.AspectRatios;
        if (h > w * 1.15) return "9:16";
        if (w > h * 1.15 || !caps.Contains("1:1")) return "16:9";
        return "1:1";
    }

    static uint RandomSeed() => (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
}
