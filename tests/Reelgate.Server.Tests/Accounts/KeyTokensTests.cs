using Reelgate.Server.Accounts;
using Reelgate.Server.Http;
using Reelgate.Server.Providers.Local;

namespace Reelgate.Server.Tests.Accounts;

public sealed class KeyTokensTests
{
    [Fact]
    public void Secrets_AreRandomPrefixedAndOnlyTheirHashIsKept()
    {
        var a = KeyTokens.NewSecret();
        var b = KeyTokens.NewSecret();
        Assert.NotEqual(a, b);
        Assert.StartsWith("rg_", a);
        Assert.True(a.Length >= 45);
        Assert.Equal(64, KeyTokens.Hash(a).Length);
        Assert.Equal(KeyTokens.Hash(a), KeyTokens.Hash(a));
        Assert.True(a.StartsWith(KeyTokens.Visible(a), StringComparison.Ordinal) && KeyTokens.Visible(a).Length < 16);
    }

    [Fact]
    public void Ids_SortByCreationTime()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var first = Ids.New("video", clock);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = Ids.New("video", clock);
        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.StartsWith("video_", first);
    }

    [Theory]
    [InlineData(1u, 0, 1u)]
    [InlineData(41u, 2, 43u)]
    [InlineData(uint.MaxValue, 1, 1u)]
    public void VariantSeeds_StayInRange(uint seed, int index, uint expected) =>
        Assert.Equal(expected, LocalProvider.VariantSeed(seed, index));

    sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
        public void Advance(TimeSpan by) => now += by;
    }
}

public sealed class IdOrderTests
{
    [Fact]
    public void Ids_MadeInTheSameMillisecond_StillIncrease()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.New("video", TimeProvider.System)).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
