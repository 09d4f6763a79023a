using Npgsql;

namespace Reelgate.Server.Tests.Support;

/// Which database the integration suite runs on: SQLite by default, PostgreSQL when
/// REELGATE_TEST_DATABASE=postgres (each server then gets a database of its own, dropped after).
public static class TestDatabase
{
    public static bool IsPostgres => Environment.GetEnvironmentVariable("REELGATE_TEST_DATABASE") == "postgres";

    static string Admin => Environment.GetEnvironmentVariable("REELGATE_TEST_PG")
        ?? "Host=127.0.0.1;Username=postgres;Password=reelgate";

    /// A new empty database's connection string.
    public static string CreatePostgres()
    {
        var name = $"reelgate_t_{Guid.NewGuid():N}";
        using (var conn = new NpgsqlConnection(Admin))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(Admin) { Database = name, Pooling = false }.ToString();
    }

    public static void DropPostgres(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(Admin);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
