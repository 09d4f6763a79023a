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
            Assert.Equal(["account_events", "accounts", "api_keys", "daily_counters", "files", "ledger", "schema_migrations", "tasks"], tables);
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(f);
        }
    }

    [Fact]
    public async Task Postgres_ProcessesStartingTogether_ApplyEachScriptOnce_SameTablesAsSqlite()
    {
        if (!TestDatabase.IsPostgres) return; // runs in the PostgreSQL pass of the suite (REELGATE_TEST_DATABASE=postgres)
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
