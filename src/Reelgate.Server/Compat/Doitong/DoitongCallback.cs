using System.Text.Json;
using System.Text.Json.Serialization;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;
using Reelgate.Server.Webhooks;

namespace Reelgate.Server.Compat.Doitong;

/// The `webhookUrl` notification of a Doitong task: the payload seed 001 prints (id, status, url,
/// service, createdAt, completedAt, metadata {duration, width, height}; plus `error` when it
/// failed), signed `X-Doitong-Signature: sha256=<hex HMAC-SHA256 of the raw body>` keyed with the
/// account's callback secret as written (`whsec_…`, UTF-8 bytes).
internal sealed class DoitongCallback : DialectCallback
{
    public const string Header = "X-Doitong-Signature";

    public override string Dialect => Dialects.Doitong;

    public override string? Payload(TaskView view, TaskLinks links)
    {
        var g = DoitongGenerations.Of(view, links);
        return JsonSerializer.Serialize(new Notification(g.Id, g.Status, g.Url, g.Provider, g.CreatedAt, g.CompletedAt,
            new NotificationMetadata(g.Metadata.Duration, g.Metadata.Width, g.Metadata.Height), g.Error));
    }

    // The native webhook-id/timestamp stay: receivers drop repeats by webhook-id.
    public override IEnumerable<(string Name, string Value)> Sign(IReadOnlyList<string> secrets, string id, long timestamp, byte[] body) =>
    [
        (Header, WebhookSignature.Legacy(secrets[0], body)),
        ("webhook-id", id),
        ("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    sealed record Notification(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("service")] string Service,
        [property: JsonPropertyName("createdAt")] string CreatedAt,
        [property: JsonPropertyName("completedAt")] string? CompletedAt,
        [property: JsonPropertyName("metadata")] NotificationMetadata Metadata,
        [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

    sealed record NotificationMetadata(
        [property: JsonPropertyName("duration")] int Duration,
        [property: JsonPropertyName("width")] int Width,
        [property: JsonPropertyName("height")] int Height);
}
