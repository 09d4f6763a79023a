using System.Collections.Concurrent;

namespace Reelgate.Server.Metrics;

/// This process's counters for /metrics. Counts that must hold across processes (the queue) are
/// read from the database at scrape time instead; these are per process, as Prometheus expects.
internal sealed class ServerMetrics
{
    public static readonly double[] DurationBuckets = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900];

    public ConcurrentDictionary<(string Route, int Status), long> Requests { get; } = new();
    public long Claims;
    public long LeaseReclaims;
    public Histogram Renders { get; } = new(DurationBuckets);

    public void Request(string route, int status) => Requests.AddOrUpdate((route, status), 1, (_, n) => n + 1);

    public void Claimed(int attempts)
    {
        Interlocked.Increment(ref Claims);
        // A claim past the first means an earlier attempt's worker died without giving it back.
        if (attempts > 1) Interlocked.Increment(ref LeaseReclaims);
    }

    internal sealed class Histogram(double[] bounds)
    {
        readonly long[] counts = new long[bounds.Length + 1];
        long sumMicros;

        public double[] Bounds => bounds;

        public void Observe(TimeSpan duration)
        {
            var seconds = duration.TotalSeconds;
            var i = Array.FindIndex(bounds, b => seconds <= b);
            Interlocked.Increment(ref counts[i < 0 ? bounds.Length : i]);
            Interlocked.Add(ref sumMicros, (long)(seconds * 1_000_000));
        }

        /// Cumulative counts per bound (the last is +Inf), and the sum in seconds.
        public (long[] Cumulative, double Sum) Snapshot()
        {
            var cumulative = new long[counts.Length];
            long running = 0;
            for (var i = 0; i < counts.Length; i++) cumulative[i] = running += Interlocked.Read(ref counts[i]);
            return (cumulative, Interlocked.Read(ref sumMicros) / 1_000_000.0);
        }
    }
}
