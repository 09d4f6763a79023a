using Microsoft.Extensions.Primitives;
using Reelgate.Server.Tasks.Waiting;

namespace Reelgate.Server.Tests.Tasks.Waiting;

public sealed class PreferWaitTests
{
    [Theory]
    [InlineData("wait", 60)]
    [InlineData("wait=10", 10)]
    [InlineData("WAIT = 7", 7)]
    [InlineData("respond-async, wait=5", 5)]
    [InlineData("handling=lenient; foo, wait=\"3\"", 3)]
    [InlineData("wait=600", 60)]
    [InlineData("wait=99999999999999999999", 60)]
    public void Wait_IsReadAndCappedAtTheMaximum(string header, int seconds) =>
        Assert.Equal(seconds, PreferWait.Seconds(new StringValues(header), max: 60));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("respond-async")]
    [InlineData("wait=0")]
    [InlineData("wait=-3")]
    [InlineData("wait=soon")]
    [InlineData("waiting=5")]
    public void AnUnusablePreference_IsIgnored_NotAnError(string? header) =>
        Assert.Null(PreferWait.Seconds(header is null ? StringValues.Empty : new StringValues(header), max: 60));

    [Fact]
    public void SeveralPreferHeaders_AreReadTogether() =>
        Assert.Equal(4, PreferWait.Seconds(new StringValues(["return=minimal", "wait=4"]), max: 60));
}
