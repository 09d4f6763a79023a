using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks.Lifecycle;

namespace Reelgate.Server.Worker;

/// While a task runs, writes its progress and renews its lease; when a write finds the task no
/// longer ours (cancelled, or taken over after a lease expiry) it cancels the render.
internal sealed class Heartbeat(IDbContextFactory<ReelgateDb> dbs, TaskLease lease, WorkerOptions options, TimeProvider clock, CancellationTokenSource render)
{
    readonly CancellationTokenSource stop = new();
    readonly long startedAt = clock.GetTimestamp();
    double fraction;

    public bool Lost { get; private set; }

    public void Report(double value) => Volatile.Write(ref fraction, Math.Clamp(value, 0, 1));

    public async Task RunAsync()
    {
        var period = TimeSpan.FromSeconds(Math.Min(options.HeartbeatSeconds, options.LeaseSeconds / 3));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(period, clock, stop.Token);
                if (!await BeatAsync())
                {
                    Lost = true;
                    render.Cancel();
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    async Task<bool> BeatAsync()
    {
        var f = Volatile.Read(ref fraction);
        var progress = (int)Math.Floor(f * 95);
        var elapsed = clock.GetElapsedTime(startedAt).TotalSeconds;
        int? eta = f > 0.02 ? (int)Math.Ceiling(elapsed * (1 - f) / f) : null;
        var until = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)(options.LeaseSeconds * 1000);
        try
        {
            await using var db = await dbs.CreateDbContextAsync();
            return await TaskLifecycle.BeatAsync(db, lease, progress, eta, until, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A missed beat is not a lost task: the lease outlives several beats.
            return true;
        }
    }

    public async Task StopAsync(Task beating)
    {
        stop.Cancel();
        await beating;
        stop.Dispose();
    }
}
