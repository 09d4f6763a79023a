namespace Reelgate.Server.Media;

/// An ffmpeg/ffprobe run that failed: could not start, exited non-zero, or was killed at its time limit.
internal sealed class FfmpegException : Exception
{
    private FfmpegException(string message, string tool, int? exitCode, string stderrTail, bool timedOut, Exception? inner = null)
        : base(message, inner)
    {
        Tool = tool;
        ExitCode = exitCode;
        StderrTail = stderrTail;
        TimedOut = timedOut;
    }

    public string Tool { get; }

    /// Null when the process never exited on its own (not started, or killed).
    public int? ExitCode { get; }

    public string StderrTail { get; }

    public bool TimedOut { get; }

    public static FfmpegException Failed(string tool, int exitCode, string stderrTail) =>
        new(WithTail($"{tool} failed with exit code {exitCode}", stderrTail), tool, exitCode, stderrTail, false);

    public static FfmpegException Timeout(string tool, TimeSpan limit, string stderrTail) =>
        new(WithTail($"{tool} timed out after {limit.TotalSeconds:0.###} s and was killed", stderrTail), tool, null, stderrTail, true);

    public static FfmpegException NotStarted(string tool, string path, Exception inner) =>
        new($"{tool} could not be started from '{path}': {inner.Message}", tool, null, "", false, inner);

    private static string WithTail(string head, string stderrTail)
    {
        var tail = stderrTail.Trim();
        return tail.Length == 0 ? head : $"{head}: {tail}";
    }
}
