using Reelgate.Server.Tasks;

namespace Reelgate.Server.Webhooks;

internal static class WebhookEvents
{
    public const string Completed = "video.completed", Failed = "video.failed", Cancelled = "video.cancelled", UsageThreshold = "usage.threshold";

    public static readonly string[] All = [Completed, Failed, Cancelled, UsageThreshold];

    /// The event a task's final status announces.
    public static string? ForStatus(string status) => status switch
    {
        TaskStatuses.Completed => Completed,
        TaskStatuses.Failed => Failed,
        TaskStatuses.Cancelled => Cancelled,
        _ => null,
    };

    /// An endpoint subscribes to a comma-separated list of events.
    public static bool Subscribed(string events, string type) =>
        events.Split(',', StringSplitOptions.TrimEntries).Contains(type);
}

internal static class DeliveryStatuses
{
    /// pending → sending → succeeded | pending (retry) | failed.
    public const string Pending = "pending", Sending = "sending", Succeeded = "succeeded", Failed = "failed";
}
