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
        hooks.MapGet("/deliveries", List).WithName("ListWebhookDeliveries").Produces<ListPage<WebhookDeliveryObject>>().ProducesProblems(400)
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
        var (paging, error) = PageQuery.Read(limit, after, "a webhook delivery id");
        if (paging is null) return error!.ToResult();
        if (status is not null && status is not (DeliveryStatuses.Pending or DeliveryStatuses.Sending or DeliveryStatuses.Succeeded or DeliveryStatuses.Failed))
            return ApiError.Invalid("status", "'status' must be one of: pending, sending, succeeded, failed.", "invalid_enum").ToResult();
        // Only the filters given: PostgreSQL cannot type a parameter that is only ever compared with NULL.
        var filters = new[] { ("task_id = @task", taskId), ("endpoint_id = @endpoint", endpointId), ("status = @status", status), ("id < @after", after) };
        var where = string.Concat(filters.Where(f => f.Item2 is not null).Select(f => " AND " + f.Item1));
        var rows = await Sql.QueryAsync<DeliveryRow>(db, ct, $"SELECT {Columns} FROM webhook_deliveries WHERE account_id = @account{where} ORDER BY id DESC LIMIT @take",
            new { account = Caller.From(http).AccountId, take = paging.Fetch, task = taskId, endpoint = endpointId, status, after });
        var attempts = await AttemptsAsync(db, rows.Take(paging.Limit).Select(r => r.Id).ToList(), ct);
        return TypedResults.Json(paging.Page(rows, r => r.Id, r => View(r, attempts, null)));
    }

    static async Task<IResult> Get(string id, HttpContext http, ReelgateDb db, CancellationToken ct)
    {
        var rows = await Sql.QueryAsync<DeliveryRow>(db, ct, $"SELECT {Columns}, payload FROM webhook_deliveries WHERE id = @id AND account_id = @account",
            new { id, account = Caller.From(http).AccountId });
        if (rows.Count == 0) return ApiError.NotFound("webhook delivery", id).ToResult();
        return TypedResults.Json(View(rows[0], await AttemptsAsync(db, [id], ct), JsonDocument.Parse(rows[0].Payload!).RootElement));
    }

    static async Task<IResult> Redeliver(string id, HttpContext http, ReelgateDb db, DeliverySignal signal, TimeProvider clock, CancellationToken ct)
    {
        var account = Caller.From(http).AccountId;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var found = await Sql.QueryAsync<long?>(db, ct, """
            SELECT e.enabled FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.id = @id AND d.account_id = @account
            """, new { id, account });
        if (found.Count == 0) return ApiError.NotFound("webhook delivery", id).ToResult();
        // No endpoint (a task's callback_url) is never disabled.
        if (found[0] is { } enabled && enabled != 1)
            return new ApiError(409, "endpoint_disabled", "The delivery's endpoint is disabled; enable it first.", "id").ToResult();
        var n = await Sql.ExecuteAsync(db, ct, """
            UPDATE webhook_deliveries SET status = 'pending', round_start = attempts, next_attempt_at = @now, last_error = NULL
            WHERE id = @id AND account_id = @account AND status <> 'sending'
            """, ("now", now), ("id", id), ("account", account));
        if (n == 0) return new ApiError(409, "delivery_in_progress", "The delivery is being sent right now; look again in a few seconds.", "id").ToResult();
        signal.Pulse();
        var rows = await Sql.QueryAsync<DeliveryRow>(db, ct, $"SELECT {Columns} FROM webhook_deliveries WHERE id = @id", new { id });
        return TypedResults.Json(View(rows[0], await AttemptsAsync(db, [id], ct), null), statusCode: 202);
    }

    static async Task<ILookup<string, WebhookAttemptObject>> AttemptsAsync(ReelgateDb db, IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return Array.Empty<WebhookAttemptObject>().ToLookup(_ => "");
        var parameters = new Dapper.DynamicParameters();
        var rows = await Sql.QueryAsync<AttemptRow>(db, ct, $"""
            SELECT delivery_id, attempt, started_at, duration_ms, status_code, error, response_body FROM webhook_attempts
            WHERE delivery_id IN {Sql.InList(parameters, "d", ids)} ORDER BY delivery_id, attempt
            """, parameters);
        return rows.ToLookup(r => r.DeliveryId, r => new WebhookAttemptObject(
            r.Attempt, r.StartedAt / 1000, r.DurationMs, r.StatusCode, r.Error, r.ResponseBody));
    }

    static WebhookDeliveryObject View(DeliveryRow r, ILookup<string, WebhookAttemptObject> attempts, JsonElement? payload) => new(
        r.Id, "webhook.delivery", r.EndpointId, r.TaskId, r.EventType, r.Url, r.Status, r.Attempts, r.NextAttemptAt / 1000,
        r.LastStatusCode, r.LastError, r.CreatedAt / 1000, r.DeliveredAt / 1000, attempts[r.Id], payload);

    /// A webhook_deliveries row (payload only when selected), mapped by column name.
    sealed record DeliveryRow
    {
        public string Id { get; init; } = "";
        public string? EndpointId { get; init; }
        public string? TaskId { get; init; }
        public string EventType { get; init; } = "";
        public string Url { get; init; } = "";
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public long? NextAttemptAt { get; init; }
        public long? LastStatusCode { get; init; }
        public string? LastError { get; init; }
        public long CreatedAt { get; init; }
        public long? DeliveredAt { get; init; }
        public string? Payload { get; init; }
    }

    sealed record AttemptRow
    {
        public string DeliveryId { get; init; } = "";
        public long Attempt { get; init; }
        public long StartedAt { get; init; }
        public long DurationMs { get; init; }
        public long? StatusCode { get; init; }
        public string? Error { get; init; }
        public string? ResponseBody { get; init; }
    }
}
