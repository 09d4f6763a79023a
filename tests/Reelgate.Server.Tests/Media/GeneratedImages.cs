using Reelgate.Server.Media;

namespace Reelgate.Server.Tests.Media;

/// Still images made once per test run with ffmpeg's testsrc2: landscape PNG/JPEG/WebP and a portrait JPEG.
internal static class GeneratedImages
{
    private static readonly Lazy<string> Folder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Folder.Value;

    public static string Path(string name) => System.IO.Path.Combine(Folder.Value, name);

    private static string Create()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"reelgate-generated-images-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(dir, recursive: true);
        var runner = new FfmpegRunner();
        foreach (var (name, size) in new[]
                 {
                     ("landscape.png", "640x480"), ("landscape.jpg", "640x480"),
                     ("landscape.webp", "640x480"), ("portrait.jpg", "360x640"),
                 })
        {
            string[] args = ["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=s={size}", "-frames:v", "1",
                "-update", "1", System.IO.Path.Combine(dir, name)];
            runner.RunFfmpegAsync(args, TimeSpan.FromMinutes(1), CancellationToken.None).GetAwaiter().GetResult();
        }
        return dir;
    }
}
