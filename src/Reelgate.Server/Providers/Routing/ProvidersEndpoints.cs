using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;

namespace Reelgate.Server.Providers.Routing;

/// GET /v1/providers (admin): each configured provider's circuit, jobs in flight (across all
/// processes, from the database), and this process's recent latency and error rate.
internal static class ProvidersEndpoints
{
    public static void MapProviders(this RouteGroupBuilder v1)
    {
        v1.MapGet("/providers", List).WithTags("Providers").AddEndpointFilter<AdminOnlyFilter>().WithName("ListProviders")
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
            return new
            {
                name = l.Entry.Provider.Name, kind = "remote", live = state != CircuitBreaker.Open, circuit = state,
                in_flight = running.GetValueOrDefault(l.Entry.Provider.Name), in_flight_here = l.InFlight,
                max_concurrency = l.Entry.Settings.MaxConcurrency, recent_calls = calls, error_rate = Math.Round(errorRate, 3),
                latency_p50_ms = p50 is { } v ? Math.Round(v, 1) : (double?)null,
                generation_types = l.Entry.Types, max_n = l.Entry.MaxN, cost_per_second = l.Entry.Settings.CostPerSecond,
            };
        }).ToList<object>();
        remote.Add(new
        {
            name = local.Name, kind = "local", live = true, circuit = CircuitBreaker.Closed, in_flight = running.GetValueOrDefault(local.Name),
            note = local.Name == "local" ? "the built-in preview engine (procedural FFmpeg renders, not a neural model); serves models no remote provider serves, and sandbox keys" : "a test provider",
        });
        return TypedResults.Json(new { @object = "list", data = remote });
    }
}
