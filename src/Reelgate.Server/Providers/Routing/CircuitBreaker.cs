namespace Reelgate.Server.Providers.Routing;

/// One provider's circuit: closed (calls go through), open after `failures` failures in a row
/// (calls are skipped), half-open once `cooldown` has passed (one trial call; its success closes
/// the circuit, its failure opens it again). Time comes in as an argument: tests drive it.
///
/// A call that may go through gets a `Pass`, and every way out of the call must end it: the
/// caller gives a verdict (Succeeded or Failed) or disposes the pass without one (the call was
/// cancelled before the upstream could judge it), which frees the half-open trial without
/// counting a failure. A trial that nobody ends would keep the provider skipped forever.
internal sealed class CircuitBreaker(int failures, TimeSpan cooldown)
{
    readonly Lock gate = new();
    int consecutive;
    long openedAt = -1;
    Pass? trial;

    public const string Closed = "closed", Open = "open", HalfOpen = "half_open";

    public string State(long nowMs)
    {
        lock (gate) return StateLocked(nowMs);
    }

    string StateLocked(long nowMs) =>
        openedAt < 0 ? Closed : nowMs - openedAt >= cooldown.TotalMilliseconds ? HalfOpen : Open;

    /// A pass when a call may go through now, else null. In half-open state only one trial at a time.
    public Pass? TryEnter(long nowMs)
    {
        lock (gate)
        {
            switch (StateLocked(nowMs))
            {
                case Closed: return new Pass(this);
                case Open: return null;
                default:
                    if (trial is not null) return null;
                    return trial = new Pass(this);
            }
        }
    }

    void Succeeded()
    {
        lock (gate)
        {
            consecutive = 0;
            openedAt = -1;
            trial = null;
        }
    }

    void Failed(Pass pass, long nowMs)
    {
        lock (gate)
        {
            consecutive++;
            if (trial == pass || consecutive >= failures) openedAt = nowMs;
            if (trial == pass) trial = null;
        }
    }

    void Abandoned(Pass pass)
    {
        lock (gate)
            if (trial == pass) trial = null;
    }

    /// One call's permission. The first of Succeeded, Failed or Dispose ends it; later ones do nothing.
    internal sealed class Pass(CircuitBreaker breaker) : IDisposable
    {
        int ended;

        bool End() => Interlocked.Exchange(ref ended, 1) == 0;

        public void Succeeded()
        {
            if (End()) breaker.Succeeded();
        }

        public void Failed(long nowMs)
        {
            if (End()) breaker.Failed(this, nowMs);
        }

        public void Dispose()
        {
            if (End()) breaker.Abandoned(this);
        }
    }
}
