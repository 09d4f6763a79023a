using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Data;

internal static class DataSetup
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.Provider is DatabaseOptions.Sqlite or DatabaseOptions.Postgres, "Database:Provider must be sqlite or postgres")
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is required with PostgreSQL")
            .ValidateOnStart();
        services.AddPooledDbContextFactory<ReelgateDb>((sp, o) =>
        {
            if (sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres) o.UseNpgsql(CappedPool(ConnectionString(sp)));
            else o.UseSqlite(ConnectionString(sp)).AddInterceptors(new SqlitePragmas());
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ReelgateDb>>().CreateDbContext());
        return services;
    }

    /// PostgreSQL's default is 100 connections for the whole server; Npgsql's default pool is 100
    /// per process. Without a cap, a burst of concurrent submits to two api processes could take
    /// them all. An explicit `Maximum Pool Size` in the connection string wins; excess requests
    /// wait for a free connection.
    static string CappedPool(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)) b.MaxPoolSize = 20;
        return b.ToString();
    }

    public static string ConnectionString(IServiceProvider sp)
    {
        var configured = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var root = Path.GetFullPath(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Root);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(root, "reelgate.db"), DefaultTimeout = 30 }.ToString();
    }
}

/// Per-connection settings: WAL is set once by the migration runner and persists in the file;
/// NORMAL synchronous is durable across process crashes in WAL mode (only an OS crash can lose
/// the last commits), and the busy timeout makes concurrent writers wait instead of failing.
/// Pooled connections keep their native handle, so each physical connection is set up once.
internal sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    static void Apply(System.Data.Common.DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Prepared.TryGetValue(handle, out _)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        cmd.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, handle);
    }
}
