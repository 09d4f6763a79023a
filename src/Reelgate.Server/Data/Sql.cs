using System.Data.Common;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reelgate.Server.Data;

/// Plain SQL on the context's connection and current transaction, for the statements EF cannot
/// express (UPDATE … RETURNING, upserts with a guard). The SQL used is the subset SQLite and
/// PostgreSQL share; parameters are named without a prefix and written `@name`.
internal static class Sql
{
    // Columns are snake_case, record properties PascalCase: Dapper matches them by name.
    static Sql() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// Rows mapped by column name (Dapper) into T's settable properties, which convert numbers, so
    /// a property declared long takes SQLite's long and PostgreSQL's int alike. `parameters`: an
    /// anonymous object or DynamicParameters, written `@name` in the SQL.
    public static async Task<List<T>> QueryAsync<T>(ReelgateDb db, CancellationToken ct, string sql, object? parameters = null)
    {
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var command = new CommandDefinition(sql, parameters, db.Database.CurrentTransaction?.GetDbTransaction(), cancellationToken: ct);
        return (await db.Database.GetDbConnection().QueryAsync<T>(command)).AsList();
    }

    /// A statement with Dapper parameters (an object's properties or DynamicParameters); rows changed.
    public static async Task<int> ExecAsync(ReelgateDb db, CancellationToken ct, string sql, object parameters)
    {
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var command = new CommandDefinition(sql, parameters, db.Database.CurrentTransaction?.GetDbTransaction(), cancellationToken: ct);
        return await db.Database.GetDbConnection().ExecuteAsync(command);
    }

    public static async Task<DbCommand> CommandAsync(ReelgateDb db, string sql, params (string Name, object? Value)[] parameters)
    {
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// "(@name0, @name1, …)", each value added to `parameters`. Dapper's own `IN @list` sends an
    /// array on PostgreSQL, which IN does not take, and ANY does not exist on SQLite.
    public static string InList(DynamicParameters parameters, string name, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++) parameters.Add(name + i, values[i]);
        return "(" + string.Join(", ", values.Select((_, i) => "@" + name + i)) + ")";
    }

    public static async Task<int> ExecuteAsync(ReelgateDb db, CancellationToken ct, string sql, params (string, object?)[] parameters)
    {
        await using var cmd = await CommandAsync(db, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// The first row's columns as longs, or null when there is no row.
    public static async Task<long[]?> RowAsync(ReelgateDb db, CancellationToken ct, string sql, params (string, object?)[] parameters)
    {
        await using var cmd = await CommandAsync(db, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var row = new long[r.FieldCount];
        for (var i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        return row;
    }
}
