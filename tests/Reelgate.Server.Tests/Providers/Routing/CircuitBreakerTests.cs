using Reelgate.Server.Providers.Routing;

namespace Reelgate.Server.Tests.Providers.Routing;

/// The breaker with explicit times (milliseconds): every pass ends exactly once, and a half-open
/// trial ends on every path out of it.
public sealed class CircuitBreakerTests
{
    static CircuitBreaker OpenedAt(long ms, int failures = 1)
    {
        var b = new CircuitBreaker(failures, cooldown: TimeSpan.FromSeconds(10));
        for (var i = 0; i < failures; i++) b.TryEnter(ms)!.Failed(ms);
        return b;
    }

    [Fact]
    public void OpensAfterFailures_HalfOpensAfterCooldown_OneTrial()
    {
        var b = new CircuitBreaker(failures: 2, cooldown: TimeSpan.FromSeconds(10));
        b.TryEnter(0)!.Failed(0);
        Assert.Equal(CircuitBreaker.Closed, b.State(0));
        b.TryEnter(1)!.Failed(1);
        Assert.Equal(CircuitBreaker.Open, b.State(1));
        Assert.Null(b.TryEnter(9_000));
        Assert.Equal(CircuitBreaker.HalfOpen, b.State(11_001));
        var trial = b.TryEnter(11_001);
        Assert.NotNull(trial);
        Assert.Null(b.TryEnter(11_002));   // only one at a time
        trial.Failed(11_500);              // the trial failed: open again, a new cool-down
        Assert.Equal(CircuitBreaker.Open, b.State(12_000));
        b.TryEnter(21_600)!.Succeeded();
        Assert.Equal(CircuitBreaker.Closed, b.State(21_700));
        Assert.NotNull(b.TryEnter(21_700));
    }

    [Fact]
    public void Trial_EndedWithoutAVerdict_FreesTheTrial_AndCountsNoFailure()
    {
        var b = OpenedAt(0);
        using (b.TryEnter(10_000)) { }     // cancelled while it waited for a slot
        Assert.Equal(CircuitBreaker.HalfOpen, b.State(10_001));
        Assert.NotNull(b.TryEnter(10_001));
    }

    [Fact]
    public void Trial_Failed_OpensAgainFromThen()
    {
        var b = OpenedAt(0);
        using (var trial = b.TryEnter(10_000)) trial!.Failed(12_000);   // an unreadable answer, an exception
        Assert.Equal(CircuitBreaker.Open, b.State(21_999));
        Assert.NotNull(b.TryEnter(22_000));
    }

    [Fact]
    public void APass_EndsOnce_ADisposeAfterAVerdictChangesNothing()
    {
        var b = OpenedAt(0);
        var trial = b.TryEnter(10_000)!;
        trial.Succeeded();
        var next = b.TryEnter(10_001)!;            // closed: passes again
        trial.Failed(10_002);
        trial.Dispose();
        Assert.Equal(CircuitBreaker.Closed, b.State(10_003));
        next.Dispose();
    }

    [Fact]
    public void AStalePass_DoesNotFreeTheNextTrial()
    {
        var b = OpenedAt(0, failures: 2);
        var trial = b.TryEnter(10_000)!;
        Assert.Null(b.TryEnter(10_001));
        trial.Dispose();
        var second = b.TryEnter(10_002)!;
        trial.Dispose();                           // a stale pass must not free the new trial
        Assert.Null(b.TryEnter(10_003));
        second.Succeeded();
    }

    [Fact]
    public void ACallAbandonedInClosedState_CountsNothing()
    {
        var b = new CircuitBreaker(failures: 2, cooldown: TimeSpan.FromSeconds(10));
        b.TryEnter(0)!.Failed(0);
        using (b.TryEnter(1)) { }
        Assert.Equal(CircuitBreaker.Closed, b.State(2));
        b.TryEnter(3)!.Failed(3);                  // the second failure in a row opens it
        Assert.Equal(CircuitBreaker.Open, b.State(4));
    }
}
