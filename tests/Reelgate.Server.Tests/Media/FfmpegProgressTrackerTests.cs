using Reelgate.Server.Media;

namespace Reelgate.Server.Tests.Media;

public sealed class FfmpegProgressTrackerTests
{
    [Fact]
    public void Reports_rising_fractions_of_the_duration()
    {
        var tracker = new FfmpegProgressTracker(8);

        Assert.Equal(0.25, tracker.Feed("out_time_us=2000000"));
        Assert.Null(tracker.Feed("out_time_ms=2000000"));
        Assert.Equal(0.5, tracker.Feed("out_time_ms=4000000"));
        Assert.Null(tracker.Feed("out_time_us=1000000"));
        Assert.Equal(0.5, tracker.Fraction);
    }

    [Fact]
    public void End_marker_means_done()
    {
        var tracker = new FfmpegProgressTracker(8);

        Assert.Null(tracker.Feed("progress=continue"));
        Assert.Equal(1.0, tracker.Feed("progress=end"));
    }

    [Theory]
    [InlineData("out_time_us=N/A")]
    [InlineData("out_time_us=-5")]
    [InlineData("out_time=00:00:01.000000")]
    [InlineData("frame=12")]
    [InlineData("garbage")]
    [InlineData("")]
    public void Ignores_other_lines(string line)
    {
        Assert.Null(new FfmpegProgressTracker(8).Feed(line));
    }

    [Fact]
    public void Clamps_past_the_end()
    {
        Assert.Equal(1.0, new FfmpegProgressTracker(2).Feed("out_time_us=2100000"));
    }
}
