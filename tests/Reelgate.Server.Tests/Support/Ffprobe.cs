using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Tests.Support;

/// The tests' own ffprobe call, independent of the server's parser.
public static class Ffprobe
{
    public static async Task<JsonNode> ProbeAsync(byte[] media)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, media);
        try { return await ProbeFileAsync(path); }
        finally { File.Delete(path); }
    }

    /// A file, or a URL ffprobe opens itself (an HLS master playlist over HTTP).
    public static async Task<JsonNode> ProbeFileAsync(string path)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"ffprobe rejected the file: {await stderr}");
        return JsonNode.Parse(await stdout)!;
    }

    public static JsonNode? Stream(this JsonNode probe, string type) =>
        probe["streams"]!.AsArray().FirstOrDefault(s => s!["codec_type"]!.GetValue<string>() == type);

    /// A small real image made by ffmpeg (testsrc2), in the format the extension names.
    public static async Task<byte[]> MakeImageAsync(int width, int height, string ext)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rg-img-{Guid.NewGuid():N}.{ext}");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}", "-frames:v", "1", "-y", path }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, await err);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return bytes;
    }
}
