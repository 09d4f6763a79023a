using Reelgate.Server.Data;

namespace Reelgate.Server.Idempotency;

/// The rows of `idempotency_keys`: claimed while the first request runs, then its answer.
internal static class IdempotencyStore
{
    public sealed record Row(string RequestHash, string State, long CreatedAt, int? Status, string? ContentType, string? Location, byte[]? Body);

    /// Inserts a `processing` row unless the key is taken; true when this request now owns it.
    public static async Task<bool> TryClaimAsync(ReelgateDb db, string account, string key, string hash, long now, long expires, CancellationToken ct)
    {
        await Sql.ExecuteAsync(db, ct, "DELETE FROM idempotency_keys WHERE account_id = @account AND idempotency_key = @key AND expires_at < @now",
            ("account", account), ("key", key), ("now", now));
        return await Sql.ExecuteAsync(db, ct, """
            INSERT INTO idempotency_keys (account_id, idempotency_key, request_hash, state, created_at, expires_at)
            VALUES (@account, @key, @hash, 'processing', @now, @expires)
            ON CONFLICT (account_id, idempotency_key) DO NOTHING
            """, ("account", account), ("key", key), ("hash", hash), ("now", now), ("expires", expires)) == 1;
    }

    /// Takes over a `processing` row whose request died (compare-and-swap on its start time).
    public static async Task<bool> TryTakeOverAsync(ReelgateDb db, string account, string key, long startedAt, long now, CancellationToken ct) =>
        await Sql.ExecuteAsync(db, ct,
            "UPDATE idempotency_keys SET created_at = @now WHERE account_id = @account AND idempotency_key = @key AND state = 'processing' AND created_at = @started",
            ("now", now), ("account", account), ("key", key), ("started", startedAt)) == 1;

    public static async Task<Row?> FindAsync(ReelgateDb db, string account, string key, CancellationToken ct)
    {
        await using var cmd = await Sql.CommandAsync(db,
            "SELECT request_hash, state, created_at, status_code, content_type, location, body FROM idempotency_keys WHERE account_id = @account AND idempotency_key = @key",
            ("account", account), ("key", key));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new Row(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt32(3),
            r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : (byte[])r.GetValue(6));
    }

    public static Task<int> CompleteAsync(ReelgateDb db, string account, string key, int status, string? contentType, string? location, byte[] body, CancellationToken ct) =>
        Sql.ExecuteAsync(db, ct, """
            UPDATE idempotency_keys SET state = 'done', status_code = @status, content_type = @type, location = @location, body = @body
            WHERE account_id = @account AND idempotency_key = @key
            """, ("status", status), ("type", contentType), ("location", location), ("body", body), ("account", account), ("key", key));

    public static Task<int> ReleaseAsync(ReelgateDb db, string account, string key, CancellationToken ct) =>
        Sql.ExecuteAsync(db, ct, "DELETE FROM idempotency_keys WHERE account_id = @account AND idempotency_key = @key AND state = 'processing'",
            ("account", account), ("key", key));

    public static Task<int> SweepAsync(ReelgateDb db, long now, CancellationToken ct) =>
        Sql.ExecuteAsync(db, ct, "DELETE FROM idempotency_keys WHERE expires_at < @now", ("now", now));
}
