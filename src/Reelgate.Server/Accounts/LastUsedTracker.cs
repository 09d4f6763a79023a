using System.Collections.Concurrent;

namespace Reelgate.Server.Accounts;

/// This process's latest use of one key, in Unix ms (0 = none since start). The cached
/// KeyRecord holds it, so a request records its use without a second lookup or a lock.
internal sealed class LastUse
{
    long at;

    public long At => Volatile.Read(ref at);

    /// The column is shown in seconds: writing at most once a second keeps concurrent requests
    /// of one key from fighting over the cache line.
    public void Touch(long now)
    {
        if (now - Volatile.Read(ref at) >= 1000) Volatile.Write(ref at, now);
    }

    internal long Flushed;
}

/// Key uses not yet written to api_keys.last_used_at; LastUsedFlusher writes them in batches.
internal sealed class LastUsedTracker
{
    readonly ConcurrentDictionary<string, LastUse> uses = new(StringComparer.Ordinal);

    /// Slots are kept for the life of the process (one per key used here, and keys are few):
    /// a cached record keeps pointing at its slot, so dropping one would lose its uses.
    public LastUse For(string keyId) => uses.GetOrAdd(keyId, static _ => new LastUse());

    /// The use this process knows of and has not stored yet, if any.
    public long? Unflushed(string keyId) =>
        uses.TryGetValue(keyId, out var u) && u.At > u.Flushed ? u.At : null;

    public List<(string KeyId, long At)> Pending()
    {
        var pending = new List<(string, long)>();
        foreach (var (id, u) in uses)
        {
            var at = u.At;
            if (at > u.Flushed) pending.Add((id, at));
        }
        return pending;
    }

    public void MarkFlushed(IEnumerable<(string KeyId, long At)> written)
    {
        foreach (var (id, at) in written)
            if (uses.TryGetValue(id, out var u) && at > u.Flushed) u.Flushed = at;
    }
}
