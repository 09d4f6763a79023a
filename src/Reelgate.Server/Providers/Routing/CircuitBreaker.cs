namespace Reelgate.Server.Providers.Routing;

/// One provider's circuit: closed (calls go through), open after `failures` failures in a row
/// (calls are skipped), half-open once `cooldown` has passed (one trial call; its success closes
/// the circuit, its failure opens it again). Time comes in as an argument: tests drive it.
internal sealed class CircuitBreaker(int failures, TimeSpan cooldown)
{
    readonly Lock gate = new();
    int consecutive;
    long openedAt = -1;
    bool trialOut;

    public const string Closed = "closed", Open = "open", HalfOpen = "half_open";

    public string State(long nowMs)
    {
        lock (gate) return StateLocked(nowMs);
    }

    string StateLocked(long nowMs) =>
        openedAt < 0 ? Closed : nowMs - openedAt >= cooldown.TotalMilliseconds ? HalfOpen : Open;

    /// Whether a call may go through now. In half-open state only one trial at a time.
    public bool TryEnter(long nowMs)
    {
        lock (gate)
        {
            switch (StateLocked(nowMs))
            {
                case Closed: return true;
                case Open: return false;
                default:
                    if (trialOut) return false;
                    trialOut = true;
                    return true;
            }
        }
    }

    public void Success()
    {
        lock (gate) { consecutive = 0; openedAt = -1; trialOut = false; }
    }

    public void Failure(long nowMs)
    {
        lock (gate)
        {
            consecutive++;
            if (trialOut || consecutive >= failures) openedAt = nowMs;
            trialOut = false;
        }
    }
}
