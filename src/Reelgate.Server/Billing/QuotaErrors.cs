using System.Globalization;
using Reelgate.Server.Accounts;
using Reelgate.Server.Http;

namespace Reelgate.Server.Billing;

/// The errors of the quota limits, with their stable codes.
internal static class QuotaErrors
{
    /// 429 with Retry-After until the next UTC midnight, when the daily counters start again.
    public static ApiError DailyLimit(string code, string message, long now)
    {
        var untilMidnight = (Ledger.Day(now) + 1) * 86_400_000 - now;
        var seconds = Math.Max(1, (untilMidnight + 999) / 1000);
        return new ApiError(429, code, message)
        {
            Headers = [new("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)), new("retry-after-ms", untilMidnight.ToString(CultureInfo.InvariantCulture))],
        };
    }

    public static ApiError StorageFull(TierLimits tier) =>
        new(403, "storage_quota_exceeded", $"This account's tier allows {tier.StorageGb:0.##} GB of stored files and videos; delete some to make room.");
}
