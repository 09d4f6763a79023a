using System.Collections.Concurrent;

namespace Reelgate.Server.Worker;

/// Renders running in this process, so a cancel through this process stops its FFmpeg at once.
/// A cancel through another process arrives with the next heartbeat instead.
internal sealed class RunningRenders
{
    readonly ConcurrentDictionary<string, CancellationTokenSource> running = new();

    public void Add(string taskId, CancellationTokenSource cts) => running[taskId] = cts;

    public void Remove(string taskId) => running.TryRemove(taskId, out _);

    public void Cancel(string taskId)
    {
        if (running.TryGetValue(taskId, out var cts))
            try { cts.Cancel(); } catch (ObjectDisposedException) { }
    }

    public int Count => running.Count;
}
