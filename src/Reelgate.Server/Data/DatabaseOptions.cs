namespace Reelgate.Server.Data;

internal sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// `sqlite` (embedded default) or `postgres` (shared state for many processes).
    public string Provider { get; set; } = Sqlite;

    /// Empty with SQLite means `Data Source={Storage:Root}/reelgate.db`; PostgreSQL needs one.
    public string ConnectionString { get; set; } = "";

    public bool IsPostgres => Provider == Postgres;
}
