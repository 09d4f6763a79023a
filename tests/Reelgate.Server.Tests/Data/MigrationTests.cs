using Microsoft.Data.Sqlite;
using Npgsql;
using Reelgate.Server.Data;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Sqlite_ProcessesStartingTogether_ApplyEachScriptOnce_AndAgainIsANoOp()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rg-migrate-{Guid.NewGuid():N}.db");
        var cs = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = false }.ToString();
        try
        {
            var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrationRunner.ApplySqlite(cs))));
            Assert.Equal(MigrationRunner.Scripts("sqlite").Count, applied.Sum());
            Assert.Equal(0, MigrationRunner.ApplySqlite(cs));
            using var conn = new SqliteConnection(cs);
            conn.Open();
            using var cmd = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", conn);
            using var r = cmd.ExecuteReader();
            var tables = new List<string>();
            while (r.Read()) tables.Add(r.GetString(0));
            Assert.Equal(["account_events", "accounts", "api_keys", "daily_counters", "files", "idempotency_keys", "ledger", "renditions", "schema_migrations", "server_secrets", "tasks", "webhook_attempts", "webhook_deliveries", "webhook_endpoints"], tables);
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(f);
        }
    }

    [PostgresFact]
    public async Task Postgres_ProcessesStartingTogether_ApplyEachScriptOnce_SameTablesAsSqlite()
    {
        var cs = TestDatabase.CreatePostgres();
        try
        {
            var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrationRunner.ApplyPostgres(cs))));
            Assert.Equal(MigrationRunner.Scripts("postgres").Count, applied.Sum());
            Assert.Equal(0, MigrationRunner.ApplyPostgres(cs));
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            var columns = new List<string>();
            while (await r.ReadAsync()) columns.Add($"{r.GetString(0)}.{r.GetString(1)}");
            Assert.Equal(SqliteColumns(), columns);
        }
        finally { TestDatabase.DropPostgres(cs); }
    }

    /// A database made by 0001 with data in it upgrades in place: the admin account becomes
    /// unlimited, other accounts take the default tier, existing tasks are unmetered.
    [Fact]
    public void Sqlite_UpgradeFrom0001_KeepsDataAndBillsNothingRetroactively()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rg-upgrade-{Guid.NewGuid():N}.db");
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        try
        {
            using (var conn = new SqliteConnection(cs))
            {
                conn.Open();
                var first = MigrationRunner.Scripts("sqlite")[0];
                foreach (var sql in new[]
                {
                    "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
                    first.Sql,
                    $"INSERT INTO schema_migrations VALUES ({first.Version}, '{first.Name}', 0)",
                    "INSERT INTO accounts (id, name, created_at) VALUES ('acct_admin', 'admin', 1), ('acct_a', 'a', 2)",
                    "INSERT INTO tasks (id, account_id, status, model, provider, prompt, request_json, seconds, size, created_at) VALUES ('video_1', 'acct_a', 'completed', 'm', 'local', 'p', '{}', 8, '1280x720', 3)",
                })
                    using (var c = new SqliteCommand(sql, conn)) c.ExecuteNonQuery();
            }
            Assert.Equal(MigrationRunner.Scripts("sqlite").Count - 1, MigrationRunner.ApplySqlite(cs));
            using var check = new SqliteConnection(cs);
            check.Open();
            string Scalar(string sql)
            {
                using var c = new SqliteCommand(sql, check);
                return Convert.ToString(c.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
            }
            Assert.Equal("unlimited", Scalar("SELECT tier FROM accounts WHERE id = 'acct_admin'"));
            Assert.Equal("free", Scalar("SELECT tier FROM accounts WHERE id = 'acct_a'"));
            Assert.Equal("unmetered|0|0", Scalar("SELECT billing || '|' || credits || '|' || output_bytes FROM tasks WHERE id = 'video_1'"));
            Assert.Equal("0", Scalar("SELECT COUNT(*) FROM ledger"));
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(f);
        }
    }

    /// The SQLite schema's tables and columns, for comparing the two providers' scripts.
    static List<string> SqliteColumns()
    {
        using var conn = new SqliteConnection("Data Source=:memory:");
        conn.Open();
        foreach (var s in MigrationRunner.Scripts("sqlite"))
            using (var c = new SqliteCommand(s.Sql, conn)) c.ExecuteNonQuery();
        using (var c = new SqliteCommand("CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)", conn)) c.ExecuteNonQuery();
        using var cmd = new SqliteCommand("SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'", conn);
        using var r = cmd.ExecuteReader();
        var columns = new List<string>();
        while (r.Read()) columns.Add($"{r.GetString(0)}.{r.GetString(1)}");
        return columns.Order(StringComparer.Ordinal).ToList();
    }
}
