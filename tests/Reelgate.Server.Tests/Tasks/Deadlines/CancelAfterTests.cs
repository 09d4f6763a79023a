using Microsoft.Extensions.Primitives;
using Reelgate.Server.Tasks.Deadlines;

namespace Reelgate.Server.Tests.Tasks.Deadlines;

public sealed class CancelAfterTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("1.5h", 5400)]
    [InlineData("1m30s", 90)]
    [InlineData("1500ms", 1.5)]
    [InlineData(" 45 ", 45)]
    [InlineData("168h", 604800)]
    public void Durations_InReplicatesFormat_AreRead(string header, double seconds)
    {
        var (value, error) = CancelAfter.Read(new StringValues(header));
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Fact]
    public void NoHeader_MeansNoDeadline() => Assert.Equal((null, null), CancelAfter.Read(StringValues.Empty));

    [Theory]
    [InlineData("soon")]
    [InlineData("5 minutes")]
    [InlineData("m")]
    [InlineData("-5s")]
    [InlineData("5s1m")]
    [InlineData("1d")]
    [InlineData("99999999999999999999999999999999999h")]
    [InlineData("0s")]
    [InlineData("500ms")]
    [InlineData("169h")]
    public void AnUnreadableOrOutOfRangeDuration_IsA400NamingTheHeader(string header)
    {
        var (value, error) = CancelAfter.Read(new StringValues(header));
        Assert.Null(value);
        Assert.Equal((400, "invalid_cancel_after", "Cancel-After"), (error!.Status, error.Code, error.Param));
    }
}
