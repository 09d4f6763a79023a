using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Reelgate.Server.Media;

/// Finds FFmpeg at start-up, installing it with apt-get when allowed; readiness asks it again.
internal sealed class FfmpegCheck(IOptions<MediaOptions> options, TimeProvider clock, ILogger<FfmpegCheck> log)
{
    // Readiness is polled by anyone without a key: the answer is kept a few seconds so that
    // polling cannot make the server start processes at will.
    static readonly TimeSpan Remember = TimeSpan.FromSeconds(10);
    (bool Ok, long At)? last;

    public async Task<bool> IsAvailableAsync(CancellationToken ct)
    {
        if (last is { } l && clock.GetElapsedTime(l.At) < Remember) return l.Ok;
        var ok = await RunsAsync(options.Value.FfmpegPath, ct) && await RunsAsync(options.Value.FfprobePath, ct);
        last = (ok, clock.GetTimestamp());
        return ok;
    }

    /// Returns null when FFmpeg is usable, else what the operator must do.
    public async Task<string?> EnsureAsync(CancellationToken ct)
    {
        if (await IsAvailableAsync(ct) && File.Exists(MediaOptions.FontPath)) return null;
        last = null;
        if (options.Value.AutoInstall && OperatingSystem.IsLinux() && File.Exists("/usr/bin/apt-get") && Environment.UserName == "root")
        {
            log.LogWarning("FFmpeg or its fonts are missing; installing them with apt-get");
            await Run("/usr/bin/apt-get", ["update", "-qq"], ct);
            await Run("/usr/bin/apt-get", ["install", "-y", "-qq", "ffmpeg", "fonts-dejavu-core"], ct);
            last = null;
            if (await IsAvailableAsync(ct) && File.Exists(MediaOptions.FontPath)) return null;
        }
        return $"""
            Reelgate needs FFmpeg (ffmpeg and ffprobe on PATH, or Media:FfmpegPath / Media:FfprobePath) and the DejaVu fonts.
            Install them with:

                {MediaOptions.InstallCommand}
            """;
    }

    static async Task<bool> RunsAsync(string path, CancellationToken ct)
    {
        try { return await Run(path, ["-version"], ct) == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    static async Task<int> Run(string path, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var p = Process.Start(psi)!;
        var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(ct), p.StandardError.ReadToEndAsync(ct));
        await p.WaitForExitAsync(ct);
        await drain;
        return p.ExitCode;
    }
}
