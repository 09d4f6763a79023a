using Reelgate.Server.Links;
using Reelgate.Server.Tasks;
using Reelgate.Server.Webhooks;

namespace Reelgate.Server.Compat;

/// The callback a dialect's task sends to its `callback_url` when it ends: that dialect's payload
/// and signature, through the same outbox (so durability, retries and the delivery log are the
/// native ones). Account webhook endpoints keep the native event shape whatever the dialect.
internal abstract class DialectCallback
{
    public abstract string Dialect { get; }

    /// The body POSTed for a task that just ended (completed, failed or cancelled); null to send
    /// nothing for this end. Pure: the view and its links in, JSON out.
    public abstract string? Payload(TaskView view, TaskLinks links);

    /// The headers that sign a body. The default is the native pair: Standard Webhooks
    /// (`webhook-id`, `webhook-timestamp`, `webhook-signature`) and `X-Reelgate-Signature`.
    public virtual IEnumerable<(string Name, string Value)> Sign(IReadOnlyList<string> secrets, string id, long timestamp, byte[] body) =>
        WebhookSignature.Headers(secrets, id, timestamp, body);

    /// At most this many attempts in all (null: as many as Webhooks:Schedule has entries).
    public virtual int? MaxAttempts => null;
}

/// The registered dialect callbacks, by dialect name.
internal sealed class DialectCallbacks(IEnumerable<DialectCallback> all)
{
    readonly Dictionary<string, DialectCallback> byName = all.ToDictionary(c => c.Dialect);

    public DialectCallback? For(string? dialect) => dialect is null ? null : byName.GetValueOrDefault(dialect);
}
