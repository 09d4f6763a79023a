using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Metrics;

/// GET /metrics in the Prometheus text format, and the middleware that counts requests.
internal static class MetricsEndpoint
{
    public static IServiceCollection AddServerMetrics(this IServiceCollection services) => services.AddSingleton<ServerMetrics>();

    public static void UseRequestMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        app.Use(async (ctx, next) =>
        {
            try { await next(ctx); }
            finally
            {
                var route = (ctx.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
                metrics.Request(route, ctx.Response.StatusCode);
            }
        });
    }

    public static void MapMetrics(this WebApplication app) =>
        app.MapGet("/metrics", Render).WithName("Metrics").WithTags("Health").ExcludeFromDescription();

    static async Task<IResult> Render(
        ReelgateDb db, ServerMetrics m, Providers.Routing.ProviderRegistry providers, Worker.RunningRenders running, CancellationToken ct)
    {
        var depth = await db.Tasks.GroupBy(t => t.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var sb = new StringBuilder();
        Header(sb, "reelgate_tasks", "gauge", "Tasks in the shared queue by status (read from the database).");
        foreach (var status in TaskStatuses.All)
            Line(sb, "reelgate_tasks", $"status=\"{status}\"", depth.FirstOrDefault(d => d.Status == status)?.Count ?? 0);
        Header(sb, "reelgate_claims_total", "counter", "Tasks claimed by this process's worker.");
        Line(sb, "reelgate_claims_total", null, Interlocked.Read(ref m.Claims));
        Header(sb, "reelgate_lease_reclaims_total", "counter", "Claims of tasks whose previous worker's lease expired.");
        Line(sb, "reelgate_lease_reclaims_total", null, Interlocked.Read(ref m.LeaseReclaims));
        // Zero once a cancelled or finished render has written its outcome and let go of its task.
        Header(sb, "reelgate_renders_running", "gauge", "Renders this process's worker is running (their outcome not yet written).");
        Line(sb, "reelgate_renders_running", null, running.Count);
        Header(sb, "reelgate_render_duration_seconds", "histogram", "Provider render time per task in this process (the local engine's FFmpeg runs).");
        var (cumulative, sum) = m.Renders.Snapshot();
        for (var i = 0; i < cumulative.Length; i++)
        {
            var le = i < m.Renders.Bounds.Length ? m.Renders.Bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
            Line(sb, "reelgate_render_duration_seconds_bucket", $"le=\"{le}\"", cumulative[i]);
        }
        Line(sb, "reelgate_render_duration_seconds_sum", null, sum);
        Line(sb, "reelgate_render_duration_seconds_count", null, cumulative[^1]);
        Header(sb, "reelgate_provider_slot_waiting", "gauge", "Tasks in this process waiting for a job slot of a provider at its MaxConcurrency.");
        foreach (var l in providers.All.OrderBy(l => l.Order))
            Line(sb, "reelgate_provider_slot_waiting", $"provider=\"{Escape(l.Entry.Provider.Name)}\"", l.Waiting);
        Header(sb, "reelgate_http_requests_total", "counter", "HTTP requests served by this process, by route and status code.");
        foreach (var ((route, status), count) in m.Requests.OrderBy(kv => kv.Key.Route).ThenBy(kv => kv.Key.Status))
            Line(sb, "reelgate_http_requests_total", $"route=\"{Escape(route)}\",code=\"{status}\"", count);
        return TypedResults.Text(sb.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }

    static void Header(StringBuilder sb, string name, string type, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    static void Line(StringBuilder sb, string name, string? labels, double value)
    {
        sb.Append(name);
        if (labels is not null) sb.Append('{').Append(labels).Append('}');
        sb.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
