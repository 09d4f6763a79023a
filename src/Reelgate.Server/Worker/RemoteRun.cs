using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Routing;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Worker;

/// A task through remote providers. Submit to the candidates in the router's order, falling back
/// only while no upstream has accepted the job; the accepted operation is written to the task
/// row at once, so after a restart the task resumes polling it and is never submitted twice.
/// Then poll with a growing interval until done or the deadline, and download.
internal sealed class RemoteRun(IDbContextFactory<ReelgateDb> dbs, ProviderRegistry registry, IOptions<RoutingOptions> routingOptions, ILogger<RemoteRun> log)
{
    readonly RoutingOptions routing = routingOptions.Value;

    public async Task<(IReadOnlyList<RenderedOutput> Outputs, string Provider, int Filtered)> RunAsync(
        VideoTask task, ProviderJob job, IReadOnlyList<Candidate> ordered, string workerId, Action<double> progress, CancellationToken ct)
    {
        var attempts = task.ProviderAttempts is { } json ? JsonSerializer.Deserialize<List<ProviderAttempt>>(json, Json.Wire)! : [];
        if (task.UpstreamOperation is { } resumed)
        {
            var bound = registry.Get(task.Provider)
                ?? throw new ProviderException("provider_not_configured", $"The task was accepted by '{task.Provider}', which is no longer configured here.");
            log.LogInformation("task {TaskId} resumes {Provider} operation {Operation}", task.Id, task.Provider, resumed);
            using var resumedSlot = await bound.EnterAsync(ct);
            var (outputs, filtered) = await FollowAsync(bound, job, resumed, task.UpstreamSubmittedAt ?? registry.Now, immediately: true, progress, ct);
            return (outputs, task.Provider, filtered);
        }
        foreach (var c in ordered)
        {
            var l = registry.Get(c.Provider)!;
            // Disposed on every way out of this iteration; a pass ended without a verdict (the
            // wait or the submit was cancelled) frees a half-open trial and counts no failure.
            using var pass = l.Breaker.TryEnter(registry.Now);
            if (pass is null)
            {
                attempts.Add(new(c.Provider, "skipped", "circuit_open", $"{c.Provider} failed repeatedly and is resting.", registry.Now));
                continue;
            }
            // Held through the submit and the follow; given back on every way out of this iteration.
            using var slot = await l.EnterAsync(ct);
            string operation;
            var started = Stopwatch.GetTimestamp();
            try
            {
                operation = await l.Entry.Provider.SubmitAsync(job, new UpstreamModel(c.UpstreamModel, c.Audio), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Every failed call counts against the circuit, including an accepted submit
                // whose answer we cannot read (the upstream answered; we cannot follow the job)
                // and anything unexpected. Only a refusal before acceptance falls back: otherwise
                // an upstream may have started a job.
                slot.Dispose();
                pass.Failed(registry.Now);
                l.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok: false);
                if (e is not ProviderException { Accepted: false } refused) throw;
                attempts.Add(new(c.Provider, "failed", refused.Code, refused.Message, registry.Now));
                await SaveAsync(task.Id, workerId, attempts, null, null);
                log.LogWarning("task {TaskId}: {Provider} refused the submit ({Code}); trying the next provider", task.Id, c.Provider, refused.Code);
                continue;
            }
            pass.Succeeded();
            l.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok: true);
            var now = registry.Now;
            attempts.Add(new(c.Provider, "accepted", null, null, now));
            if (!await SaveAsync(task.Id, workerId, attempts, c.Provider, operation))
                log.LogWarning("task {TaskId} was lost while {Provider} accepted it as {Operation}", task.Id, c.Provider, operation);
            var (delivered, removed) = await FollowAsync(l, job, operation, now, immediately: false, progress, ct);
            return (delivered, c.Provider, removed);
        }
        var summary = attempts.Count == 0 ? "no provider is configured for this request" : string.Join("; ", attempts.Select(a => $"{a.Provider}: {a.Code}"));
        throw new ProviderException("no_provider_available", $"No provider took the task ({summary}).");
    }

    async Task<(IReadOnlyList<RenderedOutput> Outputs, int Filtered)> FollowAsync(
        ProviderRegistry.Live l, ProviderJob job, string operation, long submittedAt, bool immediately, Action<double> progress, CancellationToken ct)
    {
        var settings = l.Entry.Settings;
        var wait = TimeSpan.FromSeconds(settings.PollSeconds);
        var deadline = submittedAt + (long)(routing.DeadlineMinutes * 60_000);
        if (!immediately) await Task.Delay(wait, ct);
        while (true)
        {
            if (registry.Now > deadline)
                throw new ProviderException("upstream_timeout", $"{l.Entry.Provider.Name} did not finish within {routing.DeadlineMinutes:0.#} minutes.");
            var result = await l.Entry.Provider.PollAsync(operation, ct);
            switch (result)
            {
                case PollResult.Succeeded done:
                    progress(0.9);
                    var started = Stopwatch.GetTimestamp();
                    var outputs = await l.Entry.Provider.DownloadAsync(job, done, ct);
                    l.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok: true);
                    return (outputs, done.Filtered);
                case PollResult.Failed failed:
                    throw new ProviderException(failed.Code, failed.Message);
                case PollResult.Pending pending:
                    if (pending.Progress is { } p) progress(p * 0.9);
                    await Task.Delay(pending.RetryAfter is { } asked && asked > wait ? asked : wait, ct);
                    wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 1.5, settings.MaxPollSeconds));
                    break;
            }
        }
    }

    /// Records the attempts (and, once accepted, the binding to the upstream operation), only
    /// while this worker holds the task.
    async Task<bool> SaveAsync(string taskId, string workerId, List<ProviderAttempt> attempts, string? provider, string? operation)
    {
        await using var db = await dbs.CreateDbContextAsync();
        var json = JsonSerializer.Serialize(attempts, Json.Wire);
        var mine = db.Tasks.Where(t => t.Id == taskId && t.Status == Tasks.TaskStatuses.InProgress && t.LeaseOwner == workerId);
        if (operation is null) return await mine.ExecuteUpdateAsync(s => s.SetProperty(t => t.ProviderAttempts, json)) == 1;
        var now = registry.Now;
        return await mine.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.ProviderAttempts, json)
            .SetProperty(t => t.Provider, provider!)
            .SetProperty(t => t.UpstreamOperation, operation)
            .SetProperty(t => t.UpstreamSubmittedAt, now)) == 1;
    }

    /// After a task stopped here because it was no longer ours: when the client cancelled it
    /// (not when another worker took it over) and an upstream had accepted it, ask the upstream
    /// to stop, so nobody pays for a video that will be thrown away.
    public async Task CancelUpstreamIfCancelledAsync(string taskId)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync();
            var t = await db.Tasks.AsNoTracking().Where(x => x.Id == taskId)
                .Select(x => new { x.Status, x.Provider, x.UpstreamOperation }).FirstOrDefaultAsync();
            if (t is not { Status: Tasks.TaskStatuses.Cancelled, UpstreamOperation: { } operation } || registry.Get(t.Provider) is not { } l) return;
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await l.Entry.Provider.CancelAsync(operation, limit.Token);
        }
        catch (Exception e)
        {
            log.LogInformation(e, "cancelling the upstream job of task {TaskId} failed (best effort)", taskId);
        }
    }
}
