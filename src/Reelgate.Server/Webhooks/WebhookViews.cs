using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Webhooks;

/// Endpoint rows as the API shows them. The secret appears only in the answer that created it.
internal static class WebhookViews
{
    /// A webhook_endpoints row, mapped by column name.
    public sealed record EndpointRow
    {
        public string Id { get; init; } = "";
        public string Url { get; init; } = "";
        public string? Description { get; init; }
        public string Events { get; init; } = "";
        public bool Enabled { get; init; }
        public string? DisabledReason { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public long? PreviousExpiresAt { get; init; }
    }

    const string Columns = "id, url, description, events, enabled, disabled_reason, created_at, updated_at, previous_expires_at";

    public static async Task<EndpointRow?> LoadAsync(ReelgateDb db, string id, string account, CancellationToken ct) =>
        (await Sql.QueryAsync<EndpointRow>(db, ct, $"SELECT {Columns} FROM webhook_endpoints WHERE id = @id AND account_id = @account", new { id, account }))
            .FirstOrDefault();

    /// One page of the account's endpoints, oldest first.
    public static async Task<ListPage<WebhookEndpointObject>> PageAsync(ReelgateDb db, string account, PageQuery paging, CancellationToken ct)
    {
        // Only the filters given: PostgreSQL cannot type a parameter that is only ever compared with NULL.
        var after = paging.After is null ? "" : " AND id > @after";
        var rows = await Sql.QueryAsync<EndpointRow>(db, ct,
            $"SELECT {Columns} FROM webhook_endpoints WHERE account_id = @account{after} ORDER BY id LIMIT @take",
            new { account, after = paging.After, take = paging.Fetch });
        return paging.Page(rows, r => r.Id, r => Endpoint(r, null));
    }

    public static WebhookEndpointObject Endpoint(EndpointRow e, string? secret) => new(
        e.Id, "webhook_endpoint", e.Url, e.Description, e.Events.Split(',', StringSplitOptions.RemoveEmptyEntries), e.Enabled, e.DisabledReason,
        e.CreatedAt / 1000, e.UpdatedAt / 1000, e.PreviousExpiresAt / 1000, secret);
}
