namespace Reelgate.Server.Worker;

/// Wakes an idle worker early when this process queues a task. Losing a pulse costs at most one
/// poll interval: the database is the queue, this is only a doorbell.
internal sealed class WorkerSignal
{
    readonly SemaphoreSlim bell = new(0, 1);

    public void Pulse()
    {
        try { if (bell.CurrentCount == 0) bell.Release(); }
        catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => bell.WaitAsync(timeout, ct);
}
