using Reelgate.Server.Media;
using Reelgate.Server.Providers.Local;
using Reelgate.Server.Tests.Media;

namespace Reelgate.Server.Tests.Providers.Local;

/// Determinism, progress, cancellation, time limits and temp-file hygiene of the engine.
public sealed class LocalEngineBehaviourTests : IDisposable
{
    private readonly RenderFolder _folder = new(scratchName: "scratch it's: [odd], dir;");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(nameof(RenderMode.Text))]
    [InlineData(nameof(RenderMode.FirstLast))]
    [InlineData(nameof(RenderMode.Reference))]
    public async Task Same_spec_renders_byte_identical_files(string mode)
    {
        var spec = RenderFolder.Spec(Enum.Parse<RenderMode>(mode), true, GeneratedImages.Path("landscape.png"), GeneratedImages.Path("portrait.jpg"));

        var a = await _folder.RenderAsync(spec, "a");
        var b = await _folder.RenderAsync(spec, "b");

        Assert.Equal(RenderFolder.Sha256(a.Video), RenderFolder.Sha256(b.Video));
        Assert.Equal(RenderFolder.Sha256(a.Thumb), RenderFolder.Sha256(b.Thumb));
    }

    [Fact]
    public async Task Different_seed_renders_different_bytes()
    {
        var a = await _folder.RenderAsync(RenderFolder.Spec() with { Seed = 1 }, "a");
        var b = await _folder.RenderAsync(RenderFolder.Spec() with { Seed = 2 }, "b");

        Assert.NotEqual(RenderFolder.Sha256(a.Video), RenderFolder.Sha256(b.Video));
    }

    [Fact]
    public async Task Bare_command_from_BuildArguments_gives_the_same_bytes()
    {
        var spec = RenderFolder.Spec(audio: true);
        var rendered = await _folder.RenderAsync(spec, "engine");
        var bare = (Video: _folder.File("bare.mp4"), Thumb: _folder.File("bare.jpg"));

        var args = _folder.Engine.BuildArguments(spec, bare.Video, bare.Thumb);
        await RenderFolder.Runner.RunFfmpegAsync(args, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(RenderFolder.Sha256(rendered.Video), RenderFolder.Sha256(bare.Video));
    }

    [Fact]
    public async Task Progress_rises_to_one()
    {
        var log = new ProgressLog();

        await _folder.RenderAsync(RenderFolder.Spec() with { DurationSeconds = 4 }, progress: log);

        var fractions = log.Reports.Select(r => r.Fraction).ToArray();
        Assert.NotEmpty(fractions);
        Assert.Equal(fractions.Order(), fractions);
        Assert.Equal(1.0, fractions[^1]);
        Assert.All(log.Reports, r => Assert.True(r.Elapsed > TimeSpan.Zero));
    }

    [Fact]
    public async Task Caption_file_is_removed_after_the_render()
    {
        await _folder.RenderAsync(RenderFolder.Spec());

        Assert.Empty(Directory.EnumerateFiles(_folder.Scratch));
    }

    [Fact]
    public async Task Cancellation_kills_ffmpeg_and_removes_partial_output()
    {
        var spec = RenderFolder.Spec() with { Width = 1280, Height = 720, DurationSeconds = 120 };
        using var cts = new CancellationTokenSource();
        var log = new CancelOnFirstReport(cts);
        var video = _folder.File("cancelled.mp4");

        var render = _folder.Engine.RenderAsync(spec, video, _folder.File("cancelled.jpg"), log, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => render);

        Assert.True(log.Cancelled);
        Assert.Empty(TestProcesses.WithArgument(video));
        Assert.False(File.Exists(video));
        Assert.Empty(Directory.EnumerateFiles(_folder.Scratch));
    }

    [Fact]
    public async Task Time_limit_is_reported_as_a_timeout()
    {
        using var folder = new RenderFolder(TimeSpan.FromMilliseconds(400));
        var spec = RenderFolder.Spec() with { Width = 1280, Height = 720, DurationSeconds = 120 };

        var ex = await Assert.ThrowsAsync<FfmpegException>(() => folder.RenderAsync(spec));

        Assert.True(ex.TimedOut);
        Assert.Empty(TestProcesses.WithArgument(folder.File("out.mp4")));
    }

    [Fact]
    public async Task Unreadable_image_fails_with_ffmpeg_error()
    {
        var junk = _folder.File("junk.png");
        await File.WriteAllTextAsync(junk, "not an image");

        var ex = await Assert.ThrowsAsync<FfmpegException>(() => _folder.RenderAsync(RenderFolder.Spec(RenderMode.FirstFrame, false, junk)));

        Assert.False(ex.TimedOut);
        Assert.NotEmpty(ex.StderrTail);
    }

    private sealed class CancelOnFirstReport(CancellationTokenSource cts) : IProgress<RenderProgress>
    {
        public bool Cancelled { get; private set; }

        public void Report(RenderProgress value)
        {
            if (Cancelled)
                return;
            Cancelled = true;
            cts.Cancel();
        }
    }
}
