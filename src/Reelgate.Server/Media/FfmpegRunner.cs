using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Reelgate.Server.Providers.Local;

namespace Reelgate.Server.Media;

internal sealed record FfmpegResult(int ExitCode, string StandardOutput, string StderrTail);

/// Runs ffmpeg/ffprobe as child processes: argument lists (never a shell string), a time limit,
/// and cancellation that kills the whole process tree.
internal sealed class FfmpegRunner(string ffmpegPath = "ffmpeg", string ffprobePath = "ffprobe")
{
    public const int StderrTailChars = 4096;

    public string FfmpegPath { get; } = ffmpegPath;

    public string FfprobePath { get; } = ffprobePath;

    public Task<FfmpegResult> RunFfprobeAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct) =>
        RunAsync("ffprobe", FfprobePath, arguments, timeout, null, ct);

    public Task<FfmpegResult> RunFfmpegAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct) =>
        RunAsync("ffmpeg", FfmpegPath, arguments, timeout, null, ct);

    /// Runs an ffmpeg render with `-progress pipe:1` prepended and reports the fraction of
    /// <paramref name="durationSeconds"/> written so far.
    public async Task RenderAsync(
        IReadOnlyList<string> arguments,
        double durationSeconds,
        IProgress<RenderProgress>? progress,
        TimeSpan timeout,
        CancellationToken ct)
    {
        var tracker = new FfmpegProgressTracker(durationSeconds);
        var clock = Stopwatch.StartNew();
        var fullArgs = new List<string>(arguments.Count + 3) { "-progress", "pipe:1", "-nostats" };
        fullArgs.AddRange(arguments);
        await RunAsync("ffmpeg", FfmpegPath, fullArgs, timeout, line =>
        {
            if (tracker.Feed(line) is { } fraction)
                progress?.Report(new RenderProgress(fraction, clock.Elapsed));
        }, ct).ConfigureAwait(false);
    }

    private static async Task<FfmpegResult> RunAsync(
        string tool,
        string path,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        Action<string>? onStdoutLine,
        CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var psi = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in arguments)
            psi.ArgumentList.Add(arg);

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw FfmpegException.NotStarted(tool, path, ex);
        }

        process.StandardInput.Close();
        var stderrTask = ReadTailAsync(process.StandardError);
        var stdoutTask = ReadStdoutAsync(process.StandardOutput, onStdoutLine);

        using var timeoutCts = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            var tailAfterKill = await stderrTask.ConfigureAwait(false);
            await stdoutTask.ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            throw FfmpegException.Timeout(tool, timeout, tailAfterKill);
        }

        var stdout = await stdoutTask.ConfigureAwait(false);
        var stderrTail = await stderrTask.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw FfmpegException.Failed(tool, process.ExitCode, stderrTail);
        return new FfmpegResult(process.ExitCode, stdout, stderrTail);
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the cancellation and the kill.
        }
    }

    /// Collects stdout when nobody consumes it line by line (ffprobe JSON); otherwise streams lines.
    private static async Task<string> ReadStdoutAsync(StreamReader reader, Action<string>? onLine)
    {
        if (onLine is null)
            return await reader.ReadToEndAsync().ConfigureAwait(false);
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            onLine(line);
        return "";
    }

    /// Drains stderr completely (a full pipe would block ffmpeg) but keeps only the last few KB.
    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > StderrTailChars * 2)
                tail.Remove(0, tail.Length - StderrTailChars);
        }
        if (tail.Length > StderrTailChars)
            tail.Remove(0, tail.Length - StderrTailChars);
        return tail.ToString();
    }
}
