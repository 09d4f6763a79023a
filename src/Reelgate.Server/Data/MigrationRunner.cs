using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Reelgate.Server.Data;

/// Applies the versioned SQL scripts embedded under Data/Migrations/{provider}/NNNN_name.sql.
/// The whole run holds the database's write lock, so two processes starting together apply each
/// script once: the second waits, then finds nothing left to do.
internal static class MigrationRunner
{
    internal sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(string provider)
    {
        var asm = typeof(MigrationRunner).Assembly;
        var prefix = $"{asm.GetName().Name}.Data.Migrations.{provider}.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => ReadScript(asm, n, n[prefix.Length..^4]))
            .OrderBy(s => s.Version)
            .ToList();
    }

    public static int Apply(DatabaseOptions options, string connectionString) =>
        options.IsPostgres ? ApplyPostgres(connectionString) : ApplySqlite(connectionString);

    public static int ApplySqlite(string connectionString)
    {
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        Exec(conn, null, "PRAGMA journal_mode=WAL;");
        using var tx = conn.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: takes the write lock now
        var count = ApplyMissing(conn, tx, "sqlite", "INTEGER");
        tx.Commit();
        return count;
    }

    /// A session-level advisory lock serializes concurrent starters; the scripts run in one
    /// transaction, so a crash half-way leaves the schema as it was.
    public static int ApplyPostgres(string connectionString)
    {
        using var conn = new Npgsql.NpgsqlConnection(connectionString);
        conn.Open();
        Exec(conn, null, "SELECT pg_advisory_lock(7270010001)");
        try
        {
            using var tx = conn.BeginTransaction();
            var count = ApplyMissing(conn, tx, "postgres", "BIGINT");
            tx.Commit();
            return count;
        }
        finally { Exec(conn, null, "SELECT pg_advisory_unlock(7270010001)"); }
    }

    static int ApplyMissing(DbConnection conn, DbTransaction tx, string provider, string bigint)
    {
        Exec(conn, tx, $"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at {bigint} NOT NULL);");
        var applied = new HashSet<long>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT version FROM schema_migrations";
            using var r = cmd.ExecuteReader();
            while (r.Read()) applied.Add(Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }
        var count = 0;
        foreach (var s in Scripts(provider).Where(s => !applied.Contains(s.Version)))
        {
            Exec(conn, tx, s.Sql);
            using var ins = conn.CreateCommand();
            ins.Transaction = tx;
            ins.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)";
            Param(ins, "v", s.Version);
            Param(ins, "n", s.Name);
            Param(ins, "t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            ins.ExecuteNonQuery();
            count++;
        }
        return count;
    }

    static void Param(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    static Script ReadScript(Assembly asm, string resource, string fileName)
    {
        using var stream = asm.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var underscore = fileName.IndexOf('_');
        var version = int.Parse(fileName[..underscore].TrimStart('_'), System.Globalization.CultureInfo.InvariantCulture);
        return new Script(version, fileName[(underscore + 1)..], reader.ReadToEnd());
    }

    static void Exec(DbConnection conn, DbTransaction? tx, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
