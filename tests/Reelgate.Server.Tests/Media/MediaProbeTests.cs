using Reelgate.Server.Media;

namespace Reelgate.Server.Tests.Media;

public sealed class MediaProbeTests
{
    private readonly MediaProbe _probe = new(new FfmpegRunner());

    [Theory]
    [InlineData("landscape.png", 640, 480, "png")]
    [InlineData("landscape.jpg", 640, 480, "mjpeg")]
    [InlineData("landscape.webp", 640, 480, "webp")]
    [InlineData("portrait.jpg", 360, 640, "mjpeg")]
    public async Task Probes_images(string name, int width, int height, string codec)
    {
        var info = await _probe.ProbeImageAsync(GeneratedImages.Path(name), CancellationToken.None);

        Assert.Equal(new ImageInfo(width, height, codec), info);
    }

    [Fact]
    public async Task Probes_images_whose_names_look_like_patterns_or_protocols()
    {
        var odd = Path.Combine(GeneratedImages.Directory, "100%d it's:odd,[x];.png");
        File.Copy(GeneratedImages.Path("landscape.png"), odd, overwrite: true);

        var info = await _probe.ProbeImageAsync(odd, CancellationToken.None);

        Assert.Equal(new ImageInfo(640, 480, "png"), info);
    }

    [Fact]
    public async Task Missing_file_is_reported_before_running_ffprobe()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            _probe.ProbeVideoAsync(Path.Combine(GeneratedImages.Directory, "nope.mp4"), CancellationToken.None));
    }

    [Fact]
    public async Task Non_media_file_fails_with_ffmpeg_exception()
    {
        var junk = Path.Combine(GeneratedImages.Directory, "junk.mp4");
        await File.WriteAllTextAsync(junk, "this is not a video");

        await Assert.ThrowsAsync<FfmpegException>(() => _probe.ProbeVideoAsync(junk, CancellationToken.None));
    }
}
