using System.Collections.Concurrent;

namespace Reelgate.Server.Accounts;

/// Looked-up keys by secret hash, each kept for AuthOptions.CacheSeconds. It keeps the record,
/// not a verdict: expiry, allow-list and status are checked on every request (KeyCheck).
/// A change made through this process drops the entries at once (Forget, ForgetAccount); one made
/// through another process is seen within CacheSeconds.
internal sealed class KeyCache(TimeProvider clock)
{
    readonly ConcurrentDictionary<string, (KeyRecord Key, long Until)> entries = new(StringComparer.Ordinal);

    public KeyRecord? Get(string hash)
    {
        if (!entries.TryGetValue(hash, out var e)) return null;
        if (clock.GetTimestamp() < e.Until) return e.Key;
        entries.TryRemove(hash, out _);
        return null;
    }

    public void Put(string hash, KeyRecord key, double seconds)
    {
        if (seconds <= 0) return;
        if (entries.Count > 100_000) entries.Clear();
        entries[hash] = (key, clock.GetTimestamp() + (long)(seconds * clock.TimestampFrequency));
    }

    /// Drops every secret of one key (current and rotated-out).
    public void Forget(string keyId)
    {
        foreach (var (hash, e) in entries)
            if (e.Key.Caller.KeyId == keyId) entries.TryRemove(hash, out _);
    }

    /// Drops every key of one account: call it when the account's tier or status changes.
    public void ForgetAccount(string accountId)
    {
        foreach (var (hash, e) in entries)
            if (e.Key.Caller.AccountId == accountId) entries.TryRemove(hash, out _);
    }
}
