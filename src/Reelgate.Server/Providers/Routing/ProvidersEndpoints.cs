using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Providers.Routing;

/// GET /v1/providers (admin): each configured provider's circuit, jobs in flight (across all
/// processes, from the database), and this process's recent latency and error rate.
internal static class ProvidersEndpoints
{
    public static void MapProviders(this RouteGroupBuilder v1)
    {
        v1.MapGet("/providers", List).WithTags("Providers").AddEndpointFilter<AdminOnlyFilter>().WithName("ListProviders")
            .Produces<ListPage<ProviderStatus>>()
            .WithSummary("Health, circuit state, in-flight jobs, recent latency and error rate of each provider.");
    }

    static async Task<IResult> List(ReelgateDb db, ProviderRegistry registry, IVideoProvider local, CancellationToken ct)
    {
        var running = await db.Tasks.AsNoTracking().Where(t => t.Status == Tasks.TaskStatuses.InProgress)
            .GroupBy(t => t.Provider).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = registry.Now;
        var remote = registry.All.OrderBy(l => l.Order).Select(l =>
        {
            var (calls, errorRate, p50) = l.Recent();
            var state = l.Breaker.State(now);
            return new ProviderStatus(l.Entry.Provider.Name, "remote", state != CircuitBreaker.Open, state,
                running.GetValueOrDefault(l.Entry.Provider.Name), l.InFlight, l.Entry.Settings.MaxConcurrency, calls, Math.Round(errorRate, 3),
                p50 is { } v ? Math.Round(v, 1) : null, [.. l.Entry.Types], l.Entry.MaxN, l.Entry.Settings.CostPerSecond, null);
        }).ToList();
        remote.Add(new ProviderStatus(local.Name, "local", true, CircuitBreaker.Closed, running.GetValueOrDefault(local.Name),
            null, null, null, null, null, null, null, null,
            local.Name == "local" ? "the built-in preview engine (procedural FFmpeg renders, not a neural model); serves models no remote provider serves, and sandbox keys" : "a test provider"));
        return TypedResults.Json(new ListPage<ProviderStatus>(remote, null, null, false));
    }
}

/// One provider: its circuit (closed, open, half_open), jobs in flight (all processes, and this
/// one), and this process's recent calls. The remote-only fields are null for the local engine.
internal sealed record ProviderStatus(
    string Name, string Kind, bool Live, string Circuit, int InFlight, int? InFlightHere, int? MaxConcurrency, int? RecentCalls,
    double? ErrorRate, [property: System.Text.Json.Serialization.JsonPropertyName("latency_p50_ms")] double? LatencyP50Ms,
    IReadOnlyList<string>? GenerationTypes, int? MaxN, double? CostPerSecond, string? Note);
