using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Billing;

/// GET /v1/usage?from=&to=&group_by=day|model[&account_id=]: the caller's account (an admin may
/// name any). Credits, tasks and seconds of video come from the ledger (so deleting a task does
/// not rewrite history); tasks per day and downloads from the daily counters; storage is now.
internal static class UsageEndpoints
{
    public static void MapUsage(this RouteGroupBuilder v1) =>
        v1.MapGet("/usage", Handle).WithTags("Usage").WithName("GetUsage").Produces<UsageReport>().ProducesProblems(400, 404)
            .WithSummary("Credits, tasks, seconds of video, downloads and storage over a period, by day or model (service and admin keys).");

    static async Task<IResult> Handle(HttpContext http, ReelgateDb db, TimeProvider clock, string? from, string? to, string? group_by, string? account_id, CancellationToken ct)
    {
        var caller = Caller.From(http);
        if (!caller.CanReadUsage) return new ApiError(403, "role_forbidden", "Reading usage needs a service or admin key.", "Authorization").ToResult();
        var account = account_id ?? caller.AccountId;
        if (account != caller.AccountId && !caller.IsAdmin)
            return new ApiError(403, "admin_required", "Only an admin key may read another account's usage.", "account_id").ToResult();
        var groupBy = group_by ?? "day";
        if (groupBy is not ("day" or "model")) return ApiError.Invalid("group_by", "'group_by' must be day or model.", "invalid_enum").ToResult();
        var now = clock.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        if (!TryDate(from, monthStart, false, out var start)) return ApiError.Invalid("from", "'from' must be a date (YYYY-MM-DD) or Unix seconds.").ToResult();
        if (!TryDate(to, now, true, out var end)) return ApiError.Invalid("to", "'to' must be a date (YYYY-MM-DD, inclusive) or Unix seconds.").ToResult();
        if (end <= start) return ApiError.Invalid("to", "'to' must be after 'from'.", "out_of_range").ToResult();
        if (end - start > TimeSpan.FromDays(400)) return ApiError.Invalid("to", "A usage period may span at most 400 days.", "out_of_range").ToResult();
        var acct = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == account, ct);
        if (acct is null) return new ApiError(404, "not_found", $"No account with id '{account}' exists.", "account_id").ToResult();

        long fromMs = start.ToUnixTimeMilliseconds(), toMs = end.ToUnixTimeMilliseconds();
        var ledger = await db.Ledger.AsNoTracking()
            .Where(l => l.AccountId == account && l.CreatedAt >= fromMs && l.CreatedAt < toMs && l.TaskId != null)
            .GroupBy(l => new { Day = l.CreatedAt / 86_400_000, l.Model, l.Kind })
            .Select(g => new { g.Key.Day, g.Key.Model, g.Key.Kind, Count = g.Count(), Amount = g.Sum(l => l.Amount), Seconds = g.Sum(l => l.Seconds) })
            .ToListAsync(ct);
        long dayFrom = fromMs / 86_400_000, dayTo = (toMs - 1) / 86_400_000;
        var counters = await db.Database.SqlQueryRaw<DayCount>(
            "SELECT CAST(day AS BIGINT) AS \"Day\", tasks AS \"Tasks\", downloads AS \"Downloads\" FROM daily_counters WHERE account_id = {0} AND day >= {1} AND day <= {2}",
            account, dayFrom, dayTo).ToListAsync(ct);

        var rows = new SortedDictionary<string, Row>(StringComparer.Ordinal);
        Row At(string key) => rows.TryGetValue(key, out var r) ? r : rows[key] = new Row();
        foreach (var l in ledger)
        {
            var row = At(groupBy == "day" ? DayName(l.Day) : l.Model ?? "unknown");
            row.Credits -= l.Amount; // holds are negative, refunds positive, settles zero
            if (l.Kind == LedgerKinds.Settle) row.Seconds += l.Seconds;
            if (l.Kind == LedgerKinds.Hold && groupBy == "model") row.Tasks += l.Count;
        }
        if (groupBy == "day")
            foreach (var c in counters)
            {
                var row = At(DayName(c.Day));
                row.Tasks += c.Tasks;
                row.Downloads += c.Downloads;
            }
        var byDay = groupBy == "day";
        return TypedResults.Json(new UsageReport("usage", account, start.ToUnixTimeSeconds(), end.ToUnixTimeSeconds(), groupBy,
            rows.Select(kv => new UsageRow(byDay ? kv.Key : null, byDay ? null : kv.Key, Credits.ToDecimal(kv.Value.Credits), kv.Value.Tasks,
                kv.Value.Seconds, byDay ? kv.Value.Downloads : null)).ToList(),
            new UsageTotals(Credits.ToDecimal(rows.Values.Sum(r => r.Credits)), counters.Sum(c => (long)c.Tasks), rows.Values.Sum(r => r.Seconds),
                counters.Sum(c => (long)c.Downloads), acct.StorageBytes, Credits.ToDecimal(acct.Balance))));
    }

    static string DayName(long day) => DateTimeOffset.FromUnixTimeMilliseconds(day * 86_400_000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// A date is its UTC midnight; as `to` it is inclusive (the next midnight). Unix seconds as given.
    static bool TryDate(string? text, DateTimeOffset fallback, bool endOfDay, out DateTimeOffset value)
    {
        value = fallback;
        if (text is null) return true;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_800)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        value = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (endOfDay) value = value.AddDays(1);
        return true;
    }

    sealed class Row
    {
        public long Credits, Tasks, Seconds, Downloads;
    }

    internal sealed record DayCount(long Day, int Tasks, int Downloads);
}
