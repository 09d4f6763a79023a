using Reelgate.Server.Accounts;
using Reelgate.Server.Limits;

namespace Reelgate.Server.Tests.Limits;

public sealed class TokenBucketTests
{
    static readonly BucketRate SixtyBurstFive = new(60, 5);

    [Fact]
    public void Burst_ThenOneTokenPerSecond()
    {
        var bucket = new TokenBucket(100, SixtyBurstFive.Capacity);
        for (var left = 4; left >= 0; left--)
        {
            var take = bucket.Take(100, SixtyBurstFive);
            Assert.True(take.Allowed);
            Assert.Equal(left, take.Remaining);
        }
        Assert.False(bucket.Take(100, SixtyBurstFive).Allowed);
        Assert.False(bucket.Take(100.9, SixtyBurstFive).Allowed);

        // Steady state: one request a second goes through, a second one in the same second does not.
        for (var t = 101.0; t < 110; t++)
        {
            Assert.True(bucket.Take(t, SixtyBurstFive).Allowed);
            Assert.False(bucket.Take(t + 0.5, SixtyBurstFive).Allowed);
        }
    }

    [Fact]
    public void Refill_IsCappedAtCapacity()
    {
        var bucket = new TokenBucket(0, SixtyBurstFive.Capacity);
        for (var i = 0; i < 5; i++) bucket.Take(0, SixtyBurstFive);
        var later = bucket.Take(3_600, SixtyBurstFive);
        Assert.True(later.Allowed);
        Assert.Equal(4, later.Remaining);
        Assert.Equal(1, later.UntilFull, 9);
    }

    [Fact]
    public void TimeGoingBackwards_RefillsNothing()
    {
        var bucket = new TokenBucket(50, SixtyBurstFive.Capacity);
        for (var i = 0; i < 5; i++) bucket.Take(50, SixtyBurstFive);
        var back = bucket.Take(10, SixtyBurstFive);
        Assert.False(back.Allowed);
        Assert.Equal(0, back.Remaining);
        // The lost 40 s are not credited later either: at 50.5 there is half a token, at 51 one.
        Assert.False(bucket.Take(50.5, SixtyBurstFive).Allowed);
        Assert.True(bucket.Take(51, SixtyBurstFive).Allowed);
    }

    [Fact]
    public void Denied_SaysWhenTheNextTokenAndTheFullBucketCome()
    {
        var bucket = new TokenBucket(0, SixtyBurstFive.Capacity);
        for (var i = 0; i < 5; i++) Assert.True(bucket.Take(0, SixtyBurstFive).Allowed);
        var denied = bucket.Take(0.25, SixtyBurstFive);
        Assert.False(denied.Allowed);
        Assert.Equal(0.75, denied.UntilNext, 9);
        Assert.Equal(4.75, denied.UntilFull, 9);
        Assert.Equal((1L, 750L), RateLimitFilter.RetryAfter(denied.UntilNext));
        Assert.True(bucket.Take(0.25 + denied.UntilNext, SixtyBurstFive).Allowed);
        Assert.Equal((3L, 2_001L), RateLimitFilter.RetryAfter(2.0004));
        Assert.Equal((1L, 1L), RateLimitFilter.RetryAfter(1e-9));
    }

    [Fact]
    public void TierChange_AppliesTheNewRateAndClampsToTheNewBurst()
    {
        var bucket = new TokenBucket(0, 100);
        var small = new BucketRate(60, 5);
        var take = bucket.Take(0, small);
        Assert.Equal(4, take.Remaining); // 100 clamped to 5, one taken
        var big = new BucketRate(6_000, 1_000);
        take = bucket.Take(1, big); // 4 + 100 refilled at the new rate, one taken
        Assert.Equal(103, take.Remaining);
    }

    [Fact]
    public void Rate_ComesFromTheTier()
    {
        Assert.Null(BucketRate.For(new TierLimits()));
        Assert.Equal(new BucketRate(60, 120), BucketRate.For(new TierLimits { RequestsPerMinute = 60, Burst = 120 }));
        Assert.Equal(new BucketRate(90, 90), BucketRate.For(new TierLimits { RequestsPerMinute = 90 }));
    }
}
