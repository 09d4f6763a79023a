using Reelgate.Server.Accounts;

namespace Reelgate.Server.Limits;

/// A key's request rate as its tier says now: refill per minute, and capacity (the tier's Burst,
/// or one minute's worth when Burst is 0). Null for a tier without a rate: no bucket at all.
internal readonly record struct BucketRate(int PerMinute, int Capacity)
{
    public double PerSecond => PerMinute / 60.0;

    public static BucketRate? For(TierLimits tier) =>
        tier.RequestsPerMinute <= 0 ? null : new(tier.RequestsPerMinute, tier.Burst > 0 ? tier.Burst : tier.RequestsPerMinute);
}

/// One request against a bucket. Remaining is whole tokens left after it; the times are seconds
/// from the moment of the request until one token is there again / until the bucket is full.
internal readonly record struct BucketTake(bool Allowed, int Remaining, double UntilNext, double UntilFull);

/// Token-bucket arithmetic with the time passed in (seconds on any monotonic scale), so tests need
/// no clock and no sleeping. Not thread-safe: RateBuckets locks around it.
internal sealed class TokenBucket(double now, int capacity)
{
    // Sums of fractional refills land a hair below a whole token (0.9 + 0.1 = 0.99999999999999).
    const double Slack = 1e-9;
    double tokens = capacity;
    double last = now;

    /// When the bucket is full again (same scale as `now`), as of the last take.
    public double FullAt { get; private set; } = now;

    /// The rate comes in on every call, so a key whose account changed tier refills at the new
    /// rate, and a smaller capacity clamps what is left. A clock that steps back refills nothing.
    public BucketTake Take(double now, BucketRate rate)
    {
        if (now > last)
        {
            tokens += (now - last) * rate.PerSecond;
            last = now;
        }
        if (tokens > rate.Capacity) tokens = rate.Capacity;
        var allowed = tokens >= 1 - Slack;
        if (allowed) tokens -= 1;
        FullAt = last + (rate.Capacity - tokens) / rate.PerSecond;
        var untilNext = allowed ? 0 : last + (1 - tokens) / rate.PerSecond - now;
        return new BucketTake(allowed, (int)(tokens + Slack), Math.Max(0, untilNext), FullAt - now);
    }
}
