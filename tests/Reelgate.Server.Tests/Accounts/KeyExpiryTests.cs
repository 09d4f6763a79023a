using Reelgate.Server.Accounts;

namespace Reelgate.Server.Tests.Accounts;

public sealed class KeyExpiryTests
{
    const long NowMs = 1_800_000_000_500;

    [Theory]
    [InlineData(null, null)]
    [InlineData(1_800_000_001L, null)]
    [InlineData(1_800_000_000L, "must be in the future")]
    [InlineData(0L, "must be in the future")]
    [InlineData(-9_000_000_000_000_000L, "must be in the future")]
    [InlineData(1_800_000_001_000L, "milliseconds?")]
    [InlineData(long.MaxValue, "milliseconds?")]
    public void ExpiryProblem_WantsFutureUnixSeconds(long? expiresAt, string? problem)
    {
        var found = KeysEndpoints.ExpiryProblem(expiresAt, NowMs);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }
}
