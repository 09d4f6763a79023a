using System.Collections.Concurrent;

namespace Reelgate.Server.Accounts;

/// Verified keys by hash, each trusted for AuthOptions.CacheSeconds. Only ever makes a valid key
/// faster; a revoked key is dropped here at once by the process that revokes it.
internal sealed class KeyCache(TimeProvider clock)
{
    readonly ConcurrentDictionary<string, (Caller Caller, long Until)> entries = new();

    public Caller? Get(string hash)
    {
        if (!entries.TryGetValue(hash, out var e)) return null;
        if (clock.GetTimestamp() < e.Until) return e.Caller;
        entries.TryRemove(hash, out _);
        return null;
    }

    public void Put(string hash, Caller caller, double seconds)
    {
        if (seconds <= 0) return;
        if (entries.Count > 100_000) entries.Clear();
        entries[hash] = (caller, clock.GetTimestamp() + (long)(seconds * clock.TimestampFrequency));
    }

    public void ForgetAccount(string accountId)
    {
        foreach (var (hash, e) in entries)
            if (e.Caller.AccountId == accountId) entries.TryRemove(hash, out _);
    }

    public void Forget(string keyId)
    {
        foreach (var (hash, e) in entries)
            if (e.Caller.KeyId == keyId) entries.TryRemove(hash, out _);
    }
}
