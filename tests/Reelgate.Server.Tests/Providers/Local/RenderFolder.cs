using System.Security.Cryptography;
using Reelgate.Server.Media;
using Reelgate.Server.Providers.Local;

namespace Reelgate.Server.Tests.Providers.Local;

/// A temp folder for one test's renders, with an engine whose caption scratch lives inside it.
internal sealed class RenderFolder : IDisposable
{
    public RenderFolder(TimeSpan? timeout = null, string scratchName = "scratch")
    {
        Root = Path.Combine(Path.GetTempPath(), $"reelgate-render-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        Scratch = Path.Combine(Root, scratchName);
        Engine = new LocalEngine(Runner, timeout ?? TimeSpan.FromMinutes(2), Scratch);
    }

    public static FfmpegRunner Runner { get; } = new();

    public static MediaProbe Probe { get; } = new(Runner);

    public string Root { get; }

    public string Scratch { get; }

    public LocalEngine Engine { get; }

    public string File(string name) => Path.Combine(Root, name);

    public async Task<(string Video, string Thumb)> RenderAsync(
        RenderSpec spec, string name = "out", IProgress<RenderProgress>? progress = null, CancellationToken ct = default)
    {
        var video = File(name + ".mp4");
        var thumb = File(name + ".jpg");
        await Engine.RenderAsync(spec, video, thumb, progress, ct);
        return (video, thumb);
    }

    public static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(path)));

    public static RenderSpec Spec(RenderMode mode = RenderMode.Text, bool audio = false, params string[] images) =>
        new(320, 180, 24, 2, "a golden fox in a snowy forest, pan left", null, 42, audio, mode, images, ResizeMode.Pad);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed ffmpeg may still be releasing a file; the OS temp cleaner gets the rest.
        }
    }
}

/// Records reports synchronously, in order (Progress<T> would post them to the thread pool).
internal sealed class ProgressLog : IProgress<RenderProgress>
{
    private readonly List<RenderProgress> _reports = [];

    public IReadOnlyList<RenderProgress> Reports
    {
        get
        {
            lock (_reports)
                return _reports.ToArray();
        }
    }

    public void Report(RenderProgress value)
    {
        lock (_reports)
            _reports.Add(value);
    }
}
