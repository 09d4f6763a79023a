using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Reelgate.Server.Data;

namespace Reelgate.Server.Tasks;

/// The status poll's read: the hottest query of the API, done without EF. On SQLite a few
/// long-lived connections each keep the statement prepared, so a poll costs one SQLite step
/// instead of EF's query pipeline plus a fresh prepare; each read is one statement that completes
/// before the connection is returned, so no read transaction holds back WAL checkpoints. On
/// PostgreSQL, Npgsql's data source pools connections and auto-prepares the statement.
internal sealed class TaskLookup : IDisposable
{
    const string Columns = """
        SELECT id, account_id, status, model, provider, prompt, request_json, seconds, size, progress, eta_seconds,
               attempts, error_code, error_message, outputs_json, created_at, started_at, completed_at, expires_at,
               credits, billing, sandbox, output_bytes, provider_attempts, dialect, renditions_json, error_details, downgrade
        FROM tasks WHERE id = @id AND account_id = @account
        """;

    readonly string sqliteConnectionString = "";
    readonly NpgsqlDataSource? postgres;
    readonly ConcurrentBag<Prepared> idle = [];
    const int Keep = 32;

    public TaskLookup(DatabaseOptions options, string connectionString)
    {
        if (options.IsPostgres)
            postgres = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 16, MaxPoolSize = Math.Max(4, Environment.ProcessorCount * 2) }.ToString()).Build();
        else sqliteConnectionString = connectionString;
    }

    public async Task<VideoTask?> FindAsync(string id, string accountId, CancellationToken ct)
    {
        if (postgres is null) return FindSqlite(id, accountId);
        await using var cmd = postgres.CreateCommand(Columns);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("account", accountId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Materialize(r) : null;
    }

    VideoTask? FindSqlite(string id, string accountId)
    {
        if (!idle.TryTake(out var p)) p = Open();
        VideoTask? task;
        try
        {
            p.Id.Value = id;
            p.Account.Value = accountId;
            using var r = p.Command.ExecuteReader();
            task = r.Read() ? Materialize(r) : null;
        }
        catch
        {
            p.Dispose();
            throw;
        }
        if (idle.Count < Keep) idle.Add(p); else p.Dispose();
        return task;
    }

    static VideoTask Materialize(DbDataReader r) => new()
    {
        Id = r.GetString(0), AccountId = r.GetString(1), Status = r.GetString(2), Model = r.GetString(3),
        Provider = r.GetString(4), Prompt = r.GetString(5), RequestJson = r.GetString(6), Seconds = r.GetInt32(7),
        Size = r.GetString(8), Progress = r.GetInt32(9), EtaSeconds = r.IsDBNull(10) ? null : r.GetInt32(10),
        Attempts = r.GetInt32(11), ErrorCode = r.IsDBNull(12) ? null : r.GetString(12),
        ErrorMessage = r.IsDBNull(13) ? null : r.GetString(13), OutputsJson = r.IsDBNull(14) ? null : r.GetString(14),
        CreatedAt = r.GetInt64(15), StartedAt = r.IsDBNull(16) ? null : r.GetInt64(16),
        CompletedAt = r.IsDBNull(17) ? null : r.GetInt64(17), ExpiresAt = r.IsDBNull(18) ? null : r.GetInt64(18),
        Credits = r.GetInt64(19), Billing = r.GetString(20), Sandbox = r.GetBoolean(21), OutputBytes = r.GetInt64(22),
        ProviderAttempts = r.IsDBNull(23) ? null : r.GetString(23), Dialect = r.GetString(24),
        RenditionsJson = r.IsDBNull(25) ? null : r.GetString(25), ErrorDetails = r.IsDBNull(26) ? null : r.GetString(26), Downgrade = r.IsDBNull(27) ? null : r.GetString(27),
    };

    Prepared Open()
    {
        var conn = new SqliteConnection(sqliteConnectionString);
        conn.Open();
        using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=30000;";
            pragma.ExecuteNonQuery();
        }
        var cmd = conn.CreateCommand();
        cmd.CommandText = Columns;
        var id = cmd.Parameters.Add("@id", SqliteType.Text);
        var account = cmd.Parameters.Add("@account", SqliteType.Text);
        cmd.Prepare();
        return new Prepared(cmd, id, account);
    }

    public void Dispose()
    {
        while (idle.TryTake(out var p)) p.Dispose();
        postgres?.Dispose();
    }

    sealed record Prepared(SqliteCommand Command, SqliteParameter Id, SqliteParameter Account) : IDisposable
    {
        public void Dispose()
        {
            var conn = Command.Connection;
            Command.Dispose();
            conn?.Dispose();
        }
    }
}
