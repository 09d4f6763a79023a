using Reelgate.Server.Media;
using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Tests.Media.Renditions;

/// Real FFmpeg: renditions of a 1 s 640×360 24 fps master with a tone, checked by ffprobe.
public sealed class RenditionRendererTests : IAsyncLifetime
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    readonly string _dir = Path.Combine(Path.GetTempPath(), $"reelgate-renditions-{Guid.NewGuid():N}");
    readonly FfmpegRunner _ffmpeg = new();
    readonly MediaProbe _probe;
    readonly RenditionRenderer _renderer;
    string _master = "";
    MediaInfo _masterInfo = null!;

    public RenditionRendererTests()
    {
        _probe = new MediaProbe(_ffmpeg);
        _renderer = new RenditionRenderer(_ffmpeg, _probe);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _master = Path.Combine(_dir, "master.mp4");
        await _ffmpeg.RunFfmpegAsync(
            ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=24:d=1", "-f", "lavfi", "-i", "sine=f=440:d=1",
             "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-y", _master],
            Limit, CancellationToken.None);
        _masterInfo = await _probe.ProbeVideoAsync(_master, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    RenditionJob Job(string name, string fpsMode = "duplicate") =>
        new(RenditionLadder.Find(name)!, fpsMode, Path.Combine(_dir, RenditionLadder.Find(name)!.FileName));

    [Fact]
    public async Task Every_rung_has_its_codec_profile_size_rate_duration_and_bitrate()
    {
        var jobs = RenditionLadder.Names.Select(n => Job(n)).ToList();
        var seen = new List<double>();

        var results = await _renderer.RenderAsync(_master, _masterInfo, jobs, Limit, CancellationToken.None, new SyncProgress(seen.Add));

        Assert.NotEmpty(seen);
        foreach (var r in results)
        {
            var spec = r.Job.Spec;
            Assert.True(r.Ok, $"{spec.Name}: {r.ErrorMessage}");
            var info = r.Info!;
            Assert.Equal(spec.Codec, info.VideoCodec);
            Assert.Equal(spec.Codec switch { "h264" => "High", "vp9" => "Profile 0", _ => "Main" }, r.Profile);
            Assert.Equal((spec.ShortSide * 16 / 9, spec.ShortSide), (info.Width, info.Height));
            Assert.Equal(spec.Fps, info.Fps, 3);
            Assert.InRange(info.DurationSeconds, 1 - 1.0 / spec.Fps, 1 + 1.0 / spec.Fps);
            Assert.InRange(info.BitRate, 1, spec.MaxBitrate * 11 / 10);
            Assert.Equal(spec.Container == "webm" ? "opus" : "aac", info.AudioCodec);
            Assert.True(r.Upscaled);
        }
    }

    [Fact]
    public async Task Interpolate_mode_makes_the_rungs_rate_and_length()
    {
        var results = await _renderer.RenderAsync(_master, _masterInfo, [Job("h264_720p30", "interpolate")], Limit, CancellationToken.None);

        var info = Assert.Single(results).Info!;
        Assert.Equal(30, info.Fps, 3);
        Assert.InRange(info.DurationSeconds, 1 - 1.0 / 30, 1 + 1.0 / 30);
    }

    [Fact]
    public async Task A_rendition_that_cannot_be_written_fails_alone()
    {
        var bad = Job("h264_1080p30") with { OutputPath = Path.Combine(_dir, "missing-folder", "out.mp4") };
        var good = Job("h264_720p30");

        var results = await _renderer.RenderAsync(_master, _masterInfo, [bad, good], Limit, CancellationToken.None);

        Assert.Equal("rendition_failed", results[0].ErrorCode);
        Assert.Null(results[0].Info);
        Assert.True(results[1].Ok, results[1].ErrorMessage);
        Assert.Equal((1280, 720), (results[1].Info!.Width, results[1].Info!.Height));
    }

    [Fact]
    public async Task A_shared_process_out_of_time_fails_each_rendition_as_a_timeout()
    {
        var results = await _renderer.RenderAsync(
            _master, _masterInfo, [Job("hevc_2160p60"), Job("av1_2160p60")], TimeSpan.FromMilliseconds(1), CancellationToken.None);

        Assert.All(results, r => Assert.Equal("rendition_timeout", r.ErrorCode));
        Assert.All(results, r => Assert.False(File.Exists(r.Job.OutputPath)));
    }

    sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
