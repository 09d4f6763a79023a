using Reelgate.Server.Limits;

namespace Reelgate.Server.Tests.Limits;

public sealed class RateBucketsTests
{
    static readonly BucketRate Rate = new(60, 5);

    [Fact]
    public void Keys_HaveTheirOwnBuckets()
    {
        var buckets = new RateBuckets(TimeProvider.System);
        for (var i = 0; i < 5; i++) Assert.True(buckets.Take("key_a", Rate, 0).Allowed);
        Assert.False(buckets.Take("key_a", Rate, 0).Allowed);
        Assert.True(buckets.Take("key_b", Rate, 0).Allowed);
    }

    [Fact]
    public void Sweep_DropsOnlyBucketsThatAreFullAgain()
    {
        var buckets = new RateBuckets(TimeProvider.System);
        buckets.Take("key_one_used", Rate, 0);     // full again at 1
        for (var i = 0; i < 5; i++) buckets.Take("key_drained", Rate, 0); // full again at 5
        Assert.Equal(0, buckets.Sweep(0.5));
        Assert.Equal(1, buckets.Sweep(1));
        Assert.Equal(1, buckets.Count);
        Assert.Equal(0, buckets.Sweep(4.9));
        Assert.Equal(1, buckets.Sweep(5));
        Assert.Equal(0, buckets.Count);
        Assert.Equal(4, buckets.Take("key_drained", Rate, 5).Remaining); // a fresh bucket is a full one
    }

    [Fact]
    public void ASweepIsDueOnceAMinute_OnARequest()
    {
        var buckets = new RateBuckets(TimeProvider.System);
        buckets.Take("key_a", Rate, 0); // the first request sweeps (nothing) and sets the next sweep at 60
        buckets.Take("key_b", Rate, 30);
        Assert.Equal(2, buckets.Count);
        buckets.Take("key_c", Rate, 60);
        Assert.Equal(1, buckets.Count); // a and b were full again; c was just made
    }

    [Fact]
    public async Task ConcurrentTakes_NeverGrantMoreThanTheBucketHolds()
    {
        var buckets = new RateBuckets(TimeProvider.System);
        var rate = new BucketRate(60, 1_000);
        var granted = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                if (buckets.Take("key_hot", rate, 0).Allowed) Interlocked.Increment(ref granted);
                if (i % 50 == 0) buckets.Sweep(0);
            }
        })));
        Assert.Equal(1_000, granted);
    }
}
