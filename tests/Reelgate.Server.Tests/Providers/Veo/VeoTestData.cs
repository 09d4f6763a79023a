using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Tests.Providers.Veo;

/// Recorded wire files under TestData/Veo, the media the fakes serve, and request builders.
internal static class VeoTestData
{
    public static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "TestData", "Veo");

    static readonly Lazy<Task<byte[]>> Mp4 = new(() => MakeAsync("mp4", "-f", "lavfi", "-i", "testsrc2=s=64x64:r=24:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p"));
    static readonly Lazy<Task<byte[]>> Png = new(() => MakeAsync("png", "-f", "lavfi", "-i", "testsrc2=s=32x18", "-frames:v", "1"));
    static readonly Lazy<Task<byte[]>> Jpeg = new(() => MakeAsync("jpg", "-f", "lavfi", "-i", "color=c=navy:s=32x18", "-frames:v", "1"));

    /// A real one-second 64x64 H.264 MP4, made once per run.
    public static Task<byte[]> VideoAsync() => Mp4.Value;

    public static Task<byte[]> PngAsync() => Png.Value;

    public static Task<byte[]> JpegAsync() => Jpeg.Value;

    /// A recorded file with {{NAME}} placeholders filled in.
    public static string Render(string file, IReadOnlyDictionary<string, string> vars)
    {
        var text = File.ReadAllText(Path.Combine(Dir, file));
        foreach (var (name, value) in vars) text = text.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", text);
        return text;
    }

    public static GenerationRequest Request(string type = "text", int n = 1) => new(
        Model: "veo-3.1-fast-generate-preview", Prompt: "A lighthouse at dusk, waves rolling in", NegativePrompt: "blurry, text overlays",
        Duration: 8, AspectRatio: "16:9", Resolution: "1080p", Width: 1920, Height: 1080, Fps: 24, GenerationType: type,
        ImageFileIds: [], Seed: 424242, N: n, GenerateAudio: true, PersonGeneration: "allow_adult", ResizeMode: "pad",
        EnhancePrompt: true, CallbackUrl: null, Metadata: null);

    /// One temp folder per test run, removed when the test host exits.
    static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("rg-veo-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        };
        return root;
    });

    public static string NewWorkDir() => Directory.CreateDirectory(Path.Combine(Root.Value, Guid.NewGuid().ToString("N"))).FullName;

    /// Writes the images into dir and returns their paths, in order.
    public static async Task<IReadOnlyList<string>> WriteImagesAsync(string dir, params byte[][] images)
    {
        var paths = new List<string>();
        for (var i = 0; i < images.Length; i++)
        {
            var path = Path.Combine(dir, $"input-{i}");
            await File.WriteAllBytesAsync(path, images[i]);
            paths.Add(path);
        }
        return paths;
    }

    static async Task<byte[]> MakeAsync(string ext, params string[] input)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rg-veo-{Guid.NewGuid():N}.{ext}");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error" }.Concat(input).Append("-y").Append(path)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, await err);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return bytes;
    }
}

/// Keeps every log line, to prove secrets never reach the logs.
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}
