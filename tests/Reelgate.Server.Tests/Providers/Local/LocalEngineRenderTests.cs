using Reelgate.Server.Providers.Local;
using Reelgate.Server.Tests.Media;

namespace Reelgate.Server.Tests.Providers.Local;

/// Real ffmpeg renders of every mode, checked with ffprobe.
public sealed class LocalEngineRenderTests : IDisposable
{
    private readonly RenderFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(nameof(RenderMode.Text), false)]
    [InlineData(nameof(RenderMode.Text), true)]
    [InlineData(nameof(RenderMode.FirstFrame), false)]
    [InlineData(nameof(RenderMode.FirstFrame), true)]
    [InlineData(nameof(RenderMode.FirstLast), true)]
    [InlineData(nameof(RenderMode.Reference), false)]
    [InlineData(nameof(RenderMode.Reference), true)]
    public async Task Every_mode_renders_a_valid_mp4_and_thumbnail(string mode, bool audio)
    {
        var images = new[] { "landscape.png", "portrait.jpg", "landscape.webp" }.Select(GeneratedImages.Path).ToArray();
        var spec = RenderFolder.Spec(Enum.Parse<RenderMode>(mode), audio, images);

        var (video, thumb) = await _folder.RenderAsync(spec);

        await AssertVideo(video, 320, 180, 2, audio);
        await AssertThumbnail(thumb, 320, 180);
    }

    [Theory]
    [InlineData(nameof(ResizeMode.Pad))]
    [InlineData(nameof(ResizeMode.Crop))]
    public async Task Portrait_image_is_fitted_to_a_landscape_frame(string resize)
    {
        var spec = RenderFolder.Spec(RenderMode.FirstFrame, false, GeneratedImages.Path("portrait.jpg"))
            with
        { Resize = Enum.Parse<ResizeMode>(resize), Width = 256, Height = 144, Fps = 12 };

        var (video, _) = await _folder.RenderAsync(spec);

        var info = await RenderFolder.Probe.ProbeVideoAsync(video, CancellationToken.None);
        Assert.Equal((256, 144, 12.0), (info.Width, info.Height, info.Fps));
    }

    [Fact]
    public async Task Renders_720p_eight_seconds_with_audio()
    {
        var spec = RenderFolder.Spec(audio: true) with { Width = 1280, Height = 720, DurationSeconds = 8 };

        var (video, thumb) = await _folder.RenderAsync(spec);

        await AssertVideo(video, 1280, 720, 8, audio: true);
        await AssertThumbnail(thumb, 1280, 720);
    }

    [Theory]
    [InlineData("He said \"don't\" — it's 100% done: a\\b\\\\c {x} [y] ;z, 'q'")]
    [InlineData("line one\nline two\r\n\ttabbed %{pts} %{localtime} %%")]
    [InlineData("emoji 🎉🔥👩‍👩‍👧 and ümlauts, 中文, العربية, עברית")]
    [InlineData("")]
    [InlineData("$(rm -rf /) `whoami` ; | & > < * ?")]
    public async Task Nasty_prompts_render(string prompt)
    {
        var (video, _) = await _folder.RenderAsync(RenderFolder.Spec() with { Prompt = prompt });

        await AssertVideo(video, 320, 180, 2, audio: false);
    }

    [Fact]
    public async Task Two_thousand_character_prompt_renders()
    {
        var prompt = string.Concat(Enumerable.Repeat("a very long prompt: \"with\" 100% \\ ", 60))[..2000];

        var (video, _) = await _folder.RenderAsync(RenderFolder.Spec() with { Prompt = prompt });

        await AssertVideo(video, 320, 180, 2, audio: false);
    }

    internal static async Task AssertVideo(string path, int width, int height, int seconds, bool audio)
    {
        var info = await RenderFolder.Probe.ProbeVideoAsync(path, CancellationToken.None);
        Assert.Equal(width, info.Width);
        Assert.Equal(height, info.Height);
        Assert.Equal(24.0, info.Fps);
        Assert.InRange(info.DurationSeconds, seconds - 0.1, seconds + 0.1);
        Assert.Equal("h264", info.VideoCodec);
        Assert.Equal(audio ? "aac" : null, info.AudioCodec);
        Assert.Equal(new FileInfo(path).Length, info.SizeBytes);
    }

    private static async Task AssertThumbnail(string path, int width, int height)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);
        Assert.Equal(new Reelgate.Server.Media.ImageInfo(width, height, "mjpeg"),
            await RenderFolder.Probe.ProbeImageAsync(path, CancellationToken.None));
    }
}
