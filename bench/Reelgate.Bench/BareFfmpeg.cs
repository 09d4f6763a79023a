using System.Diagnostics;

/// What the benches compare our wrappers with: an argv run directly with System.Diagnostics.Process.
internal static class BareFfmpeg
{
    // "Bare ffmpeg": the argv as given, no -progress, stderr drained (ffmpeg logs at error level
    // only), stdout left alone. The least a caller must do to run it.
    public static async Task RunAsync(string ffmpeg, IReadOnlyList<string> argv)
    {
        var psi = new ProcessStartInfo(ffmpeg)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        foreach (var arg in argv)
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("ffmpeg did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var errors = await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bare ffmpeg exited with {process.ExitCode}: {errors}");
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
