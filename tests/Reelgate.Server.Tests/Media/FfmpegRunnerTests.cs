using Reelgate.Server.Media;

namespace Reelgate.Server.Tests.Media;

public sealed class FfmpegRunnerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(1);
    private readonly FfmpegRunner _runner = new();

    [Fact]
    public async Task Returns_stdout()
    {
        var result = await _runner.RunFfprobeAsync(["-version"], Generous, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("ffprobe version", result.StandardOutput);
    }

    [Fact]
    public async Task Failing_exit_code_throws_with_stderr_tail()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.png");

        var ex = await Assert.ThrowsAsync<FfmpegException>(() =>
            _runner.RunFfmpegAsync(["-v", "error", "-i", missing, "-f", "null", "-"], Generous, CancellationToken.None));

        Assert.False(ex.TimedOut);
        Assert.NotNull(ex.ExitCode);
        Assert.NotEqual(0, ex.ExitCode);
        Assert.Contains("No such file", ex.StderrTail);
        Assert.Contains("No such file", ex.Message);
    }

    [Fact]
    public async Task Missing_binary_is_reported()
    {
        var runner = new FfmpegRunner("/nonexistent/ffmpeg");

        var ex = await Assert.ThrowsAsync<FfmpegException>(() => runner.RunFfmpegAsync(["-version"], Generous, CancellationToken.None));

        Assert.Null(ex.ExitCode);
        Assert.Contains("/nonexistent/ffmpeg", ex.Message);
    }

    [Fact]
    public async Task Keeps_only_the_stderr_tail()
    {
        var result = await _runner.RunFfmpegAsync(
            ["-v", "debug", "-f", "lavfi", "-i", "testsrc2=s=64x48:d=1", "-f", "null", "-"], Generous, CancellationToken.None);

        Assert.InRange(result.StderrTail.Length, 1, FfmpegRunner.StderrTailChars);
    }

    [Fact]
    public async Task Timeout_kills_the_process_and_says_so()
    {
        var marker = Guid.NewGuid().ToString("N");

        var ex = await Assert.ThrowsAsync<FfmpegException>(() =>
            _runner.RunFfmpegAsync(EndlessArgs(marker), TimeSpan.FromMilliseconds(500), CancellationToken.None));

        Assert.True(ex.TimedOut);
        Assert.Contains("timed out", ex.Message);
        Assert.Empty(TestProcesses.WithArgument(marker));
    }

    [Fact]
    public async Task Cancellation_kills_the_process_and_throws_cancelled()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        // Cancelled, not timed out: the generous limit would end the endless run as a timeout instead.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runner.RunFfmpegAsync(EndlessArgs(marker), Generous, cts.Token));

        Assert.Empty(TestProcesses.WithArgument(marker));
    }

    [Fact]
    public async Task Already_cancelled_token_starts_nothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runner.RunFfmpegAsync(["-version"], Generous, cts.Token));
    }

    private static string[] EndlessArgs(string marker) =>
        ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240", "-metadata", $"comment={marker}", "-f", "null", "-"];
}
