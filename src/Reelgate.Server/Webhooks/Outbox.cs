using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Webhooks;

/// Writes delivery rows inside the caller's transaction, so an event is recorded exactly when
/// the change it reports commits. One row per destination: the task's own callback_url, and
/// each enabled endpoint of the account that subscribes to the event. The row's id is the
/// `webhook-id` on every attempt, and the payload is fixed when the row is written.
internal sealed class Outbox(TaskJson json, TaskViews views, Links.SignedLinks links, Compat.DialectCallbacks dialects, WebhooksOptions options, DeliverySignal signal)
{
    /// The wait before a new row's first attempt (the schedule's first entry).
    readonly double firstWait = options.Schedule()[0];

    /// After a task's final compare-and-swap, in the same transaction.
    public async Task TaskEndedAsync(ReelgateDb db, string taskId, long now, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == taskId, ct);
        if (WebhookEvents.ForStatus(task.Status) is not { } type) return;
        var callback = JsonSerializer.Deserialize<GenerationRequest>(task.RequestJson, Json.Wire)!.CallbackUrl;
        var destinations = await EndpointsAsync(db, task.AccountId, type, ct);
        if (callback is not null)
        {
            destinations.Insert(0, (null, callback));
            await EnsureAccountSecretAsync(db, task.AccountId, ct);
        }
        var origin = (options.PublicBaseUrl ?? task.Origin ?? "").TrimEnd('/');
        foreach (var (endpoint, url) in destinations)
        {
            var id = Ids.New("msg", TimeProvider.System);
            // A dialect task's own callback carries that dialect's payload and signature.
            if (endpoint is null && dialects.For(task.Dialect) is { } dialect)
            {
                var view = views.Of(task, remember: false);
                if (dialect.Payload(view, links.Of(view, origin)) is { } body)
                    await InsertAsync(db, id, task.AccountId, endpoint, task.Id, type, url, body, now, ct, firstWait, dialect.Dialect);
                continue;
            }
            var payload = Envelope(id, type, now, w => json.Write(w, task, origin, remember: false));
            await InsertAsync(db, id, task.AccountId, endpoint, task.Id, type, url, payload, now, ct);
        }
    }

    /// An account event (usage.threshold) for the account's subscribed endpoints.
    public static async Task AccountEventAsync(ReelgateDb db, string accountId, string type, string dataJson, long now, double firstWaitSeconds, CancellationToken ct)
    {
        foreach (var (endpoint, url) in await EndpointsAsync(db, accountId, type, ct))
        {
            var id = Ids.New("msg", TimeProvider.System);
            var payload = Envelope(id, type, now, w => w.WriteRawValue(dataJson));
            await InsertAsync(db, id, accountId, endpoint, null, type, url, payload, now, ct, firstWaitSeconds);
        }
    }

    /// Call after the commit: wakes this process's delivery worker.
    public void Pulse() => signal.Pulse();

    Task InsertAsync(ReelgateDb db, string id, string account, string? endpoint, string? task, string type, string url, string payload, long now, CancellationToken ct) =>
        InsertAsync(db, id, account, endpoint, task, type, url, payload, now, ct, firstWait);

    static Task InsertAsync(ReelgateDb db, string id, string account, string? endpoint, string? task, string type, string url, string payload, long now, CancellationToken ct,
        double firstWait, string? dialect = null) =>
        Sql.ExecuteAsync(db, ct, """
            INSERT INTO webhook_deliveries (id, account_id, endpoint_id, task_id, event_type, url, payload, status, attempts, round_start, next_attempt_at, created_at, dialect)
            VALUES (@id, @account, @endpoint, @task, @type, @url, @payload, 'pending', 0, 0, @next, @now, @dialect)
            """, ("id", id), ("account", account), ("endpoint", endpoint), ("task", task), ("type", type), ("url", url), ("payload", payload),
            ("next", now + (long)(firstWait * 1000)), ("now", now), ("dialect", dialect));

    static async Task<List<(string? Endpoint, string Url)>> EndpointsAsync(ReelgateDb db, string accountId, string type, CancellationToken ct)
    {
        var rows = await Sql.QueryAsync<WebhookViews.EndpointRow>(db, ct, "SELECT id, url, events FROM webhook_endpoints WHERE account_id = @account AND enabled = 1 ORDER BY id",
            new { account = accountId });
        return rows.Where(r => WebhookEvents.Subscribed(r.Events, type)).Select(r => ((string?)r.Id, r.Url)).ToList();
    }

    /// Callbacks are signed with the account's secret, made the first time one is needed.
    static Task EnsureAccountSecretAsync(ReelgateDb db, string accountId, CancellationToken ct) =>
        Sql.ExecuteAsync(db, ct, "UPDATE accounts SET webhook_secret = @secret WHERE id = @account AND webhook_secret IS NULL",
            ("secret", WebhookSignature.NewSecret()), ("account", accountId));

    /// {"id","object":"event","type","created_at","data":…}: Standard Webhooks' shape, and
    /// OpenAI's event object, so `webhooks.unwrap` hands back a familiar event.
    static string Envelope(string id, string type, long now, Action<Utf8JsonWriter> data)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("object", "event");
            w.WriteString("type", type);
            w.WriteNumber("created_at", now / 1000);
            w.WritePropertyName("data");
            data(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// Rung when this process wrote a delivery row.
internal sealed class DeliverySignal : Doorbell;
