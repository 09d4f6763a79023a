using Microsoft.Extensions.Time.Testing;
using Reelgate.Server.Accounts;

namespace Reelgate.Server.Tests.Accounts;

public sealed class KeyCacheTests
{
    static KeyRecord Key(string keyId, string accountId) =>
        new(new Caller(keyId, accountId, Roles.Standard), "active", null, null, null, null, new LastUse());

    [Fact]
    public void ForgetAccount_DropsEveryKeyOfThatAccountOnly()
    {
        var cache = new KeyCache(TimeProvider.System);
        cache.Put("h1", Key("key_1", "acct_a"), 60);
        cache.Put("h1-old", Key("key_1", "acct_a"), 60);
        cache.Put("h2", Key("key_2", "acct_a"), 60);
        cache.Put("h3", Key("key_3", "acct_b"), 60);

        cache.ForgetAccount("acct_a");

        Assert.Null(cache.Get("h1"));
        Assert.Null(cache.Get("h1-old"));
        Assert.Null(cache.Get("h2"));
        Assert.NotNull(cache.Get("h3"));
    }

    [Fact]
    public void Forget_DropsEverySecretOfOneKey()
    {
        var cache = new KeyCache(TimeProvider.System);
        cache.Put("new", Key("key_1", "acct_a"), 60);
        cache.Put("old", Key("key_1", "acct_a"), 60);
        cache.Put("other", Key("key_2", "acct_a"), 60);

        cache.Forget("key_1");

        Assert.Null(cache.Get("new"));
        Assert.Null(cache.Get("old"));
        Assert.NotNull(cache.Get("other"));
    }

    /// The margin of KeyCacheMarginTests, on a clock the test controls: a key changed through
    /// another process is trusted from the cache for CacheSeconds, not a tick longer.
    [Fact]
    public void Entry_IsKeptForItsSeconds_ThenDropped()
    {
        var clock = new FakeTimeProvider();
        var cache = new KeyCache(clock);
        cache.Put("h", Key("key_1", "acct_a"), 2);

        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(cache.Get("h"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Get("h"));
    }

    [Fact]
    public void Put_WithZeroSeconds_KeepsNothing()
    {
        var cache = new KeyCache(TimeProvider.System);
        cache.Put("h", Key("key_1", "acct_a"), 0);
        Assert.Null(cache.Get("h"));
    }
}
