using Reelgate.Server.Data;

namespace Reelgate.Server.Webhooks;

/// Endpoint rows as the API shows them. The secret appears only in the answer that created it.
internal static class WebhookViews
{
    public sealed record EndpointRow(string Id, string Url, string? Description, string Events, bool Enabled, string? DisabledReason,
        long CreatedAt, long UpdatedAt, long? PreviousExpiresAt);

    const string Columns = "id, url, description, events, enabled, disabled_reason, created_at, updated_at, previous_expires_at";

    public static async Task<EndpointRow?> LoadAsync(ReelgateDb db, string id, string account, CancellationToken ct) =>
        (await Sql.RowsAsync(db, ct, $"SELECT {Columns} FROM webhook_endpoints WHERE id = @id AND account_id = @account", ("id", id), ("account", account)))
            .Select(Read).FirstOrDefault();

    public static async Task<List<EndpointRow>> LoadAllAsync(ReelgateDb db, string account, CancellationToken ct) =>
        (await Sql.RowsAsync(db, ct, $"SELECT {Columns} FROM webhook_endpoints WHERE account_id = @account ORDER BY id", ("account", account)))
            .Select(Read).ToList();

    static EndpointRow Read(object?[] r) => new((string)r[0]!, (string)r[1]!, (string?)r[2], (string)r[3]!, Sql.Long(r[4]) == 1, (string?)r[5],
        Sql.Long(r[6])!.Value, Sql.Long(r[7])!.Value, Sql.Long(r[8]));

    public static WebhookEndpointObject Endpoint(EndpointRow e, string? secret) => new(
        e.Id, "webhook_endpoint", e.Url, e.Description, e.Events.Split(',', StringSplitOptions.RemoveEmptyEntries), e.Enabled, e.DisabledReason,
        e.CreatedAt / 1000, e.UpdatedAt / 1000, e.PreviousExpiresAt / 1000, secret);
}
