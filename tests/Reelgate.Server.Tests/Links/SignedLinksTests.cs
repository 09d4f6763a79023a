using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelgate.Server.Data;
using Reelgate.Server.Links;

namespace Reelgate.Server.Tests.Links;

/// The pure half of signed links, on a controlled clock.
public sealed class SignedLinksTests
{
    readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-02T10:03:20Z"));
    readonly byte[] key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    SignedLinks Links(double hours = 24) => new(new LinkKey(key), Options.Create(new LinksOptions { LifetimeHours = hours }), clock);

    static VideoTask Task(long? expiresAtMs = null) => new()
    {
        Id = "video_abc", AccountId = "acct", Status = "completed", Model = "m", Provider = "local", Prompt = "p", RequestJson = "{}", Size = "1280x720",
        ExpiresAt = expiresAtMs,
    };

    [Fact]
    public void ALink_WorksUntilItsExpiry_ThenIsExpired()
    {
        var links = Links();
        var expires = links.ExpiresAt(Task());
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        // 24 h on a 10-minute grid: between 23 h 50 and 24 h ahead.
        Assert.InRange(expires - now, 24 * 3600 - 600, 24 * 3600);
        var sig = SignedLinks.Signature(key, "video_abc", 0, SignedLinks.Video, expires);
        Assert.True(links.Valid("video_abc", 0, SignedLinks.Video, expires, sig));
        Assert.False(links.Expired(expires));

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(expires - 1));
        Assert.False(links.Expired(expires));
        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(expires));
        Assert.True(links.Expired(expires));
    }

    [Fact]
    public void TheSameTask_GetsTheSameLink_WithinAGridStep()
    {
        var links = Links();
        var first = links.ExpiresAt(Task());
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(first, links.ExpiresAt(Task()));
    }

    [Fact]
    public void ALink_NeverOutlivesTheTasksRetention()
    {
        var retention = clock.GetUtcNow().AddHours(2).ToUnixTimeMilliseconds();
        Assert.Equal(retention / 1000, Links().ExpiresAt(Task(retention)));
    }

    [Fact]
    public void AShortLifetime_StillLeavesMostOfItAhead()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.InRange(Links(hours: 0.01).ExpiresAt(Task()) - now, 33, 36); // 36 s, on a 3.6 s grid
    }

    [Theory]
    [InlineData("video_abd", 0, SignedLinks.Video, 0)]
    [InlineData("video_abc", 1, SignedLinks.Video, 0)]
    [InlineData("video_abc", 0, SignedLinks.Thumbnail, 0)]
    [InlineData("video_abc", 0, SignedLinks.Video, 1)]
    public void ChangingAnyPart_BreaksTheSignature(string task, int index, string file, long laterBy)
    {
        var links = Links();
        var expires = links.ExpiresAt(Task());
        var sig = SignedLinks.Signature(key, "video_abc", 0, SignedLinks.Video, expires);
        Assert.False(links.Valid(task, index, file, expires + laterBy, sig));
        Assert.False(links.Valid("video_abc", 0, SignedLinks.Video, expires, sig[..^1] + (sig[^1] == 'A' ? 'B' : 'A')));
        Assert.False(links.Valid("video_abc", 0, SignedLinks.Video, expires, ""));
    }
}
