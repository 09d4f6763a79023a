namespace Reelgate.Server.Webhooks;

/// What an attempt's outcome means for its delivery. Pure: tested over every branch.
internal static class RetryPolicy
{
    public sealed record Decision(string Status, long? NextAttemptAt, bool DisableEndpoint);

    /// `attemptsInRound` counts this attempt (1 for the first attempt after creation or after a
    /// redeliver). Any 2xx is success; 410 Gone stops at once and disables an endpoint; any
    /// other answer (3xx included: redirects are not followed), a timeout or a connection
    /// failure waits schedule[attemptsInRound] seconds, until the schedule runs out.
    public static Decision Decide(int? statusCode, int attemptsInRound, IReadOnlyList<double> schedule, long now) => statusCode switch
    {
        >= 200 and < 300 => new(DeliveryStatuses.Succeeded, null, false),
        410 => new(DeliveryStatuses.Failed, null, true),
        _ when attemptsInRound >= schedule.Count => new(DeliveryStatuses.Failed, null, false),
        _ => new(DeliveryStatuses.Pending, now + (long)(schedule[attemptsInRound] * 1000), false),
    };
}
