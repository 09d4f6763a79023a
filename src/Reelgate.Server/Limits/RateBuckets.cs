using System.Collections.Concurrent;

namespace Reelgate.Server.Limits;

/// One token bucket per API key, in this process's memory. With several api processes each holds
/// its own buckets, so a key spread over N processes gets up to N times its rate: route by key
/// (nginx `hash $http_authorization$http_x_api_key consistent;`) to keep the limit exact.
///
/// Memory stays bounded: buckets exist only for keys that passed authentication, and a bucket idle
/// long enough to be full again is the same as no bucket, so a sweep (at most once a minute, run
/// by whichever request finds it due) drops those.
internal sealed class RateBuckets(TimeProvider clock)
{
    const double SweepEverySeconds = 60;
    readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);
    readonly Lock sweepGate = new();
    double nextSweep = double.MinValue;

    public int Count => slots.Count;

    /// Takes a token for the key now (the monotonic clock).
    public BucketTake Take(string keyId, BucketRate rate) =>
        Take(keyId, rate, clock.GetTimestamp() / (double)clock.TimestampFrequency);

    /// Unix seconds, rounded up, `seconds` from now: the X-RateLimit-Reset value.
    public long UnixSecondsIn(double seconds) =>
        (long)Math.Ceiling((clock.GetUtcNow().ToUnixTimeMilliseconds() + seconds * 1000) / 1000);

    public BucketTake Take(string keyId, BucketRate rate, double now)
    {
        if (now >= Volatile.Read(ref nextSweep)) SweepIfDue(now);
        while (true)
        {
            var slot = slots.GetOrAdd(keyId, static (_, s) => new Slot(new TokenBucket(s.now, s.rate.Capacity)), (now, rate));
            lock (slot.Gate)
            {
                // Swept between the lookup and the lock: the next lookup makes a fresh (full) bucket.
                if (!slot.Evicted) return slot.Bucket.Take(now, rate);
            }
        }
    }

    /// Drops the buckets that are full again by `now`; returns how many.
    public int Sweep(double now)
    {
        var removed = 0;
        foreach (var (key, slot) in slots)
        {
            lock (slot.Gate)
            {
                if (now < slot.Bucket.FullAt || !slots.TryRemove(new KeyValuePair<string, Slot>(key, slot))) continue;
                slot.Evicted = true;
                removed++;
            }
        }
        return removed;
    }

    void SweepIfDue(double now)
    {
        if (!sweepGate.TryEnter()) return;
        try
        {
            if (now < nextSweep) return;
            Volatile.Write(ref nextSweep, now + SweepEverySeconds);
            Sweep(now);
        }
        finally { sweepGate.Exit(); }
    }

    sealed class Slot(TokenBucket bucket)
    {
        public readonly Lock Gate = new();
        public readonly TokenBucket Bucket = bucket;
        public bool Evicted;
    }
}
