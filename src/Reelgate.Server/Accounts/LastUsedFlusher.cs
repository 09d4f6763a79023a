using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;

namespace Reelgate.Server.Accounts;

/// Writes the tracked key uses to api_keys.last_used_at every Auth:LastUsedFlushSeconds and once
/// more at shutdown, so that a request never waits on a write for it.
internal sealed class LastUsedFlusher(
    LastUsedTracker tracker, IDbContextFactory<ReelgateDb> dbs, IOptions<AuthOptions> options, TimeProvider clock, ILogger<LastUsedFlusher> log) : BackgroundService
{
    /// Two parameters a row; SQLite builds before 3.32 allowed only 999 parameters a statement.
    const int RowsPerStatement = 400;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.LastUsedFlushSeconds), clock, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stopping.IsCancellationRequested) break;
            try { await RunOnceAsync(stopping); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "writing keys' last use failed; retrying next pass"); }
        }
    }

    /// Kestrel has stopped taking requests by now (it stops before the other hosted services).
    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        try { await RunOnceAsync(ct); }
        catch (Exception e) { log.LogWarning(e, "writing keys' last use at shutdown failed"); }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var pending = tracker.Pending();
        if (pending.Count == 0) return 0;
        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var chunk in pending.Chunk(RowsPerStatement))
        {
            var (sql, args) = UpdateStatement(chunk);
            await db.Database.ExecuteSqlRawAsync(sql, args, ct);
            tracker.MarkFlushed(chunk);
        }
        return pending.Count;
    }

    /// One UPDATE … FROM (VALUES …) for many keys: the same text works on SQLite (3.33+) and
    /// PostgreSQL, both of which name VALUES columns column1, column2. Never moves a value back.
    internal static (string Sql, object[] Args) UpdateStatement(IReadOnlyList<(string KeyId, long At)> rows)
    {
        var sql = new StringBuilder("UPDATE api_keys SET last_used_at = v.column2 FROM (VALUES ");
        var args = new object[rows.Count * 2];
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append("({").Append(2 * i).Append("}, {").Append(2 * i + 1).Append("})");
            args[2 * i] = rows[i].KeyId;
            args[2 * i + 1] = rows[i].At;
        }
        sql.Append(") AS v WHERE api_keys.id = v.column1 AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < v.column2)");
        return (sql.ToString(), args);
    }
}
