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
    public void Secrets_UseEveryBase64UrlSymbolEquallyOften()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var counts = alphabet.ToDictionary(c => c, _ => 0);
        const int tokens = 2000;
        for (var i = 0; i < tokens; i++)
        {
            var random = KeyTokens.NewSecret()[KeyTokens.Prefix.Length..];
            Assert.Equal(43, random.Length);
            // 256 bits fill 42 symbols; the 43rd carries only the last 4 bits, so it is left out.
            foreach (var c in random[..42])
            {
                Assert.True(counts.ContainsKey(c), $"'{c}' is not in the Base64Url alphabet");
                counts[c]++;
            }
        }
        var expected = tokens * 42 / 64.0;
        Assert.All(counts, kv => Assert.True(kv.Value > 0, $"'{kv.Key}' never appeared"));
        // Chi-square with 63 degrees of freedom: mean 63, standard deviation about 11. A fair
        // source exceeds 150 about once in 10^8 runs; a skewed alphabet lands in the thousands.
        var chiSquare = counts.Values.Sum(n => (n - expected) * (n - expected) / expected);
        Assert.True(chiSquare < 150, $"chi-square {chiSquare:0} over {string.Join(" ", counts.Select(kv => $"{kv.Key}:{kv.Value}"))}");
    }

    [Fact]
    public void KeysIssuedInTheOldAlphabet_HashAsBefore()
    {
        // Keys issued before the Base64Url alphabet (letters in place of '+' and '/'): the
        // stored hash is SHA-256 of the whole token, so they must hash to the same value.
        Assert.Equal("997418109a83c27a2421504b69b81ed254b62abfcf5ae1c4f2ca6d5f5406d32d",
            KeyTokens.Hash("rg_q3ZxAB7kLmN0pQrStUvWxYz0123456789AbCdEfGhBA"));
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
