using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;

namespace Reelgate.Server.Tests.Support;

/// A fresh, migrated database for tests that call the server's data code in process: SQLite in a
/// temp file, or a PostgreSQL database of its own when the suite runs on PostgreSQL.
internal sealed class InProcessDatabase : IDisposable
{
    readonly Action cleanup;

    public DbContextOptions<ReelgateDb> Options { get; }

    public InProcessDatabase()
    {
        if (TestDatabase.IsPostgres)
        {
            var cs = TestDatabase.CreatePostgres();
            MigrationRunner.ApplyPostgres(cs);
            Options = new DbContextOptionsBuilder<ReelgateDb>().UseNpgsql(cs).Options;
            cleanup = () => TestDatabase.DropPostgres(cs);
            return;
        }
        var path = Path.Combine(Path.GetTempPath(), $"rg-inproc-{Guid.NewGuid():N}.db");
        var sqlite = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString();
        MigrationRunner.ApplySqlite(sqlite);
        Options = new DbContextOptionsBuilder<ReelgateDb>().UseSqlite(sqlite).AddInterceptors(new SqlitePragmas()).Options;
        cleanup = () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(f);
        };
    }

    public ReelgateDb Open() => new(Options);

    public void Dispose() => cleanup();
}
