using System.Net;
using Reelgate.Server.Tests.Support;
using Reelgate.Server.Tests.Tasks;

namespace Reelgate.Server.Tests.Limits;

/// A server whose new accounts get a tiny tier: 60 requests per minute (one a second), bursts of 5.
public sealed class TinyTierServer : IAsyncLifetime
{
    public ServerProcess Server { get; } = new(new()
    {
        ["Accounts__DefaultTier"] = "tiny",
        ["Tiers__tiny__RequestsPerMinute"] = "60",
        ["Tiers__tiny__Burst"] = "5",
        ["Tiers__tiny__MonthlyCredits"] = "1000",
    });

    public async Task InitializeAsync()
    {
        await Server.StartAsync();
        // Warm the route up with the (unlimited) admin key, so a test's quick requests are quick.
        for (var i = 0; i < 3; i++) (await Server.Admin.GetAsync("/v1/models")).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

public sealed class RateLimitTests(TinyTierServer tiny) : IClassFixture<TinyTierServer>
{
    readonly ServerProcess server = tiny.Server;

    [Fact]
    public async Task Burst_ThenRateLimitExceeded_ThenOneMoreAfterTheWait()
    {
        var api = await server.NewAccountAsync();
        for (var left = 4; left >= 0; left--)
        {
            var ok = await api.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("60", Header(ok, "X-RateLimit-Limit"));
            Assert.Equal(left.ToString(), Header(ok, "X-RateLimit-Remaining"));
            var reset = long.Parse(Header(ok, "X-RateLimit-Reset"));
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Assert.InRange(reset, now, now + 6);
        }

        var limited = await api.GetAsync("/v1/models");
        await ValidationTests.AssertProblem(limited, 429, "rate_limit_exceeded", null);
        var body = await limited.Json();
        Assert.Contains("60 requests per minute", body.Str("message"));
        Assert.Contains("bursts of 5", body.Str("message"));
        Assert.Equal("1", Header(limited, "Retry-After"));
        var waitMs = long.Parse(Header(limited, "retry-after-ms"));
        Assert.InRange(waitMs, 1, 1_000);
        Assert.Equal("60", Header(limited, "X-RateLimit-Limit"));
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.NotNull(Header(limited, "X-RateLimit-Reset"));

        await Task.Delay(TimeSpan.FromMilliseconds(waitMs + 50));
        var again = await api.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("0", Header(again, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task TwoKeys_HaveIndependentBuckets()
    {
        var alice = await server.NewAccountAsync("alice");
        var bob = await server.NewAccountAsync("bob");
        HttpResponseMessage res;
        var sent = 0;
        do { res = await alice.GetAsync("/v1/models"); sent++; } while (res.StatusCode == HttpStatusCode.OK && sent < 20);
        Assert.Equal(HttpStatusCode.TooManyRequests, res.StatusCode);

        var first = await bob.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("4", Header(first, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task UnlimitedTier_HasNoRateLimitHeaders()
    {
        for (var i = 0; i < 20; i++)
        {
            var res = await server.Admin.GetAsync("/v1/models");
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            Assert.False(res.Headers.Contains("X-RateLimit-Limit"));
            Assert.False(res.Headers.Contains("X-RateLimit-Remaining"));
            Assert.False(res.Headers.Contains("X-RateLimit-Reset"));
        }
    }

    static string Header(HttpResponseMessage res, string name) =>
        res.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header");
}
