using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reelgate.Server.Data;

/// Plain SQL on the context's connection and current transaction, for the statements EF cannot
/// express (UPDATE … RETURNING, upserts with a guard). The SQL used is the subset SQLite and
/// PostgreSQL share; parameters are named without a prefix and written `@name`.
internal static class Sql
{
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

    /// Every row's columns as objects (DBNull as null).
    public static async Task<List<object?[]>> RowsAsync(ReelgateDb db, CancellationToken ct, string sql, params (string, object?)[] parameters)
    {
        await using var cmd = await CommandAsync(db, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await r.ReadAsync(ct))
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static long? Long(object? value) => value is null ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}
