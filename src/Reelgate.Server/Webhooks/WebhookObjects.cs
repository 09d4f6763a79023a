using Reelgate.Server.Http;

namespace Reelgate.Server.Webhooks;

/// A webhook endpoint (times in Unix seconds). `secret` only in the answer that created or rotated it.
internal sealed record WebhookEndpointObject(
    string Id, string Object, string Url, string? Description, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason,
    long CreatedAt, long UpdatedAt, long? PreviousSecretExpiresAt, string? Secret);

/// The account's secret for signing per-task callback_url deliveries, shown once.
internal sealed record CallbackSecret(string Object, string Secret, long PreviousSecretExpiresAt);

/// One delivery of an event with every attempt; `payload` only when read by id.
internal sealed record WebhookDeliveryObject(
    string Id, string Object, string? EndpointId, string? TaskId, string Type, string Url, string Status, long? Attempts, long? NextAttemptAt,
    long? LastStatusCode, string? LastError, long? CreatedAt, long? DeliveredAt, IEnumerable<WebhookAttemptObject> AttemptLog, object? Payload);

internal sealed record WebhookAttemptObject(long? Attempt, long? StartedAt, long? DurationMs, long? StatusCode, string? Error, string? ResponseBody);

/// POST /v1/webhooks (url required) and PATCH /v1/webhooks/{id} (any of them).
[RequestBodyDoc]
internal sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string>? Events, string? Description, bool? Enabled);
