using System.Globalization;

namespace Reelgate.Server.Webhooks;

internal sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// Allow `http://` callback URLs. For development and tests only.
    public bool AllowHttp { get; set; }

    /// Allow callbacks to loopback, private and other internal addresses. For development and tests only.
    public bool AllowPrivateNetworks { get; set; }

    /// Run the delivery worker in this process (in processes with the worker role).
    public bool Deliver { get; set; } = true;

    /// Seconds before each attempt, comma-separated: the first is the wait before the first
    /// attempt, each next one the wait after a failure. Its length is the number of attempts.
    public string RetrySchedule { get; set; } = "0,5,300,1800,7200,18000,36000";

    /// How long one attempt may take, connect to last byte.
    public double TimeoutSeconds { get; set; } = 10;

    /// Attempts in flight at once in this process.
    public int Concurrency { get; set; } = 16;

    /// How often an idle delivery worker looks for due deliveries written by other processes.
    public int PollMilliseconds { get; set; } = 1000;

    /// The base of content links in payloads (e.g. https://videos.example.com). When unset, the
    /// scheme and host the task was created through.
    public string? PublicBaseUrl { get; set; }

    /// Delivery rows are kept this many days after their last attempt.
    public int KeepDays { get; set; } = 30;

    public double[] Schedule() =>
        RetrySchedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    /// The first setting that cannot work, or null when all can.
    public string? Problem()
    {
        double[] schedule;
        try { schedule = Schedule(); }
        catch (FormatException) { return $"Webhooks:RetrySchedule must be seconds separated by commas; '{RetrySchedule}' is not."; }
        if (schedule.Length is < 1 or > 30 || schedule.Any(s => s < 0 || double.IsNaN(s)))
            return "Webhooks:RetrySchedule must list 1 to 30 waits of 0 seconds or more.";
        if (TimeoutSeconds is <= 0 or > 300) return "Webhooks:TimeoutSeconds must be more than 0 and at most 300.";
        if (Concurrency is < 1 or > 1024) return "Webhooks:Concurrency must be from 1 to 1024.";
        if (PollMilliseconds < 10) return "Webhooks:PollMilliseconds must be at least 10.";
        if (PublicBaseUrl is { Length: > 0 } b && !Uri.TryCreate(b, UriKind.Absolute, out _))
            return "Webhooks:PublicBaseUrl must be an absolute URL.";
        return null;
    }
}
