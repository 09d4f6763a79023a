using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Webhooks;

/// The delivery log: every delivery with every attempt, and redelivery.
internal static class WebhookDeliveries
{
    public static void Map(RouteGroupBuilder hooks)
    {
        hooks.MapGet("/deliveries", List).WithName("ListWebhookDeliveries").Produces<ListObject<WebhookDeliveryObject>>().ProducesProblems(400)
            .WithSummary("Deliveries, newest first, with their attempts; filter by task_id, endpoint_id, status.");
        hooks.MapGet("/deliveries/{id}", Get).WithName("GetWebhookDelivery").Produces<WebhookDeliveryObject>().ProducesProblems(404);
        hooks.MapPost("/deliveries/{id}/redeliver", Redeliver).WithName("RedeliverWebhook").Produces<WebhookDeliveryObject>(202).ProducesProblems(404, 409)
            .WithSummary("Send a delivery again, with the same webhook-id and payload and a fresh retry schedule.");
    }

    const string Columns = """
        id, endpoint_id, task_id, event_type, url, status, attempts, next_attempt_at, last_status_code, last_error, created_at, delivered_at
        """;

    static async Task<IResult> List(
        HttpContext http, ReelgateDb db, [FromQuery(Name = "task_id")] string? taskId, [FromQuery(Name = "endpoint_id")] string? endpointId,
        [FromQuery] string? status, [FromQuery] string? after, [FromQuery] string? limit, CancellationToken ct)
    {
        // Read as text so "abc" gets our error rather than the framework's bare 400, as GET /v1/videos does.
        var take = 20;
        if (limit is not null && (!int.TryParse(limit, out take) || take is < 1 or > 100))
            return ApiError.Invalid("limit", "'limit' must be a whole number from 1 to 100.", "out_of_range").ToResult();
        if (status is not null && status is not (DeliveryStatuses.Pending or DeliveryStatuses.Sending or DeliveryStatuses.Succeeded or DeliveryStatuses.Failed))
            return ApiError.Invalid("status", "'status' must be one of: pending, sending, succeeded, failed.", "invalid_enum").ToResult();
        // Only the filters given: PostgreSQL cannot type a parameter that is only ever compared with NULL.
        var filters = new List<(string Clause, string Name, object? Value)>
        {
            ("task_id = @task", "task", taskId), ("endpoint_id = @endpoint", "endpoint", endpointId), ("status = @status", "status", status), ("id < @after", "after", after),
        }.Where(f => f.Value is not null).ToList();
        var where = string.Concat(filters.Select(f => " AND " + f.Clause));
        var rows = await Sql.RowsAsync(db, ct, $"SELECT {Columns} FROM webhook_deliveries WHERE account_id = @account{where} ORDER BY id DESC LIMIT @take",
            [("account", Caller.From(http).AccountId), ("take", take + 1), .. filters.Select(f => (f.Name, f.Value))]);
        var page = rows.Take(take).ToList();
        var attempts = await AttemptsAsync(db, page.Select(r => (string)r[0]!).ToList(), ct);
        return TypedResults.Json(new
        {
            @object = "list", data = page.Select(r => View(r, attempts, null)),
            has_more = rows.Count > take, last_id = page.Count > 0 ? (string)page[^1][0]! : null,
        });
    }

    static async Task<IResult> Get(string id, HttpContext http, ReelgateDb db, CancellationToken ct)
    {
        var rows = await Sql.RowsAsync(db, ct, $"SELECT {Columns}, payload FROM webhook_deliveries WHERE id = @id AND account_id = @account",
            ("id", id), ("account", Caller.From(http).AccountId));
        if (rows.Count == 0) return ApiError.NotFound("webhook delivery", id).ToResult();
        return TypedResults.Json(View(rows[0], await AttemptsAsync(db, [id], ct), JsonDocument.Parse((string)rows[0][12]!).RootElement));
    }

    static async Task<IResult> Redeliver(string id, HttpContext http, ReelgateDb db, DeliverySignal signal, TimeProvider clock, CancellationToken ct)
    {
        var account = Caller.From(http).AccountId;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var found = await Sql.RowsAsync(db, ct, """
            SELECT d.status, e.enabled FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.id = @id AND d.account_id = @account
            """, ("id", id), ("account", account));
        if (found.Count == 0) return ApiError.NotFound("webhook delivery", id).ToResult();
        if (found[0][1] is not null && Sql.Long(found[0][1]) != 1)
            return new ApiError(409, "endpoint_disabled", "The delivery's endpoint is disabled; enable it first.", "id").ToResult();
        var n = await Sql.ExecuteAsync(db, ct, """
            UPDATE webhook_deliveries SET status = 'pending', round_start = attempts, next_attempt_at = @now, last_error = NULL
            WHERE id = @id AND account_id = @account AND status <> 'sending'
            """, ("now", now), ("id", id), ("account", account));
        if (n == 0) return new ApiError(409, "delivery_in_progress", "The delivery is being sent right now; look again in a few seconds.", "id").ToResult();
        signal.Pulse();
        var rows = await Sql.RowsAsync(db, ct, $"SELECT {Columns} FROM webhook_deliveries WHERE id = @id", ("id", id));
        return TypedResults.Json(View(rows[0], await AttemptsAsync(db, [id], ct), null), statusCode: 202);
    }

    static async Task<ILookup<string, WebhookAttemptObject>> AttemptsAsync(ReelgateDb db, IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return Array.Empty<WebhookAttemptObject>().ToLookup(_ => "");
        var names = ids.Select((_, i) => $"@d{i}").ToList();
        var rows = await Sql.RowsAsync(db, ct, $"""
            SELECT delivery_id, attempt, started_at, duration_ms, status_code, error, response_body FROM webhook_attempts
            WHERE delivery_id IN ({string.Join(", ", names)}) ORDER BY delivery_id, attempt
            """, ids.Select((id, i) => ($"d{i}", (object?)id)).ToArray());
        return rows.ToLookup(r => (string)r[0]!, r => new WebhookAttemptObject(
            Sql.Long(r[1]), Sql.Long(r[2]) / 1000, Sql.Long(r[3]), Sql.Long(r[4]), (string?)r[5], (string?)r[6]));
    }

    static WebhookDeliveryObject View(object?[] r, ILookup<string, WebhookAttemptObject> attempts, JsonElement? payload) => new(
        (string)r[0]!, "webhook.delivery", (string?)r[1], (string?)r[2], (string)r[3]!, (string)r[4]!, (string)r[5]!, Sql.Long(r[6]), Sql.Long(r[7]) / 1000,
        Sql.Long(r[8]), (string?)r[9], Sql.Long(r[10]) / 1000, Sql.Long(r[11]) / 1000, attempts[(string)r[0]!], payload);
}
