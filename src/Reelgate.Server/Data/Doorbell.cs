namespace Reelgate.Server.Data;

/// Wakes an idle loop early when this process wrote work for it. Losing a ring costs at most one
/// poll interval: the database is the queue, this is only a doorbell.
internal abstract class Doorbell
{
    readonly SemaphoreSlim bell = new(0, 1);

    public void Pulse()
    {
        try { if (bell.CurrentCount == 0) bell.Release(); }
        catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => bell.WaitAsync(timeout, ct);
}
