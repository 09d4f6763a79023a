using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Media.Previews;
using Reelgate.Server.Previews;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Tests.Previews;

/// The previews of a real 1080p clip, made by PreviewMaker into a file-system blob store (no server,
/// no database): the WebP is animated, 480 px on its long side and at most 1 MB; the spritesheet is
/// the grid the WebVTT cues describe. Names with ':' and '%' check the paths go through FfmpegPaths.
public sealed class PreviewMakerTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("rg-previews-a:b%d-").FullName;
    readonly FfmpegRunner ffmpeg = new();

    [Theory]
    [InlineData(1920, 1080, 8)]
    [InlineData(720, 1280, 4.5)]
    public async Task StoreAsync_MakesAnAnimatedWebp_AndASpritesheetMatchingTheVtt(int width, int height, double seconds)
    {
        var video = await ClipAsync(width, height, seconds);
        var info = await new MediaProbe(ffmpeg).ProbeVideoAsync(video, CancellationToken.None);

        var previews = await Maker(enabled: true).StoreAsync(video, info, "videos/v/a1/0", CancellationToken.None);

        Assert.NotNull(previews);
        Assert.Equal(("videos/v/a1/0.preview.webp", "videos/v/a1/0.sprites.jpg"), (previews.PreviewKey, previews.SpritesKey));
        var webp = await File.ReadAllBytesAsync(Blob(previews.PreviewKey!));
        var sheet = await File.ReadAllBytesAsync(Blob(previews.SpritesKey!));
        Assert.Equal(webp.Length + sheet.Length, previews.Bytes);

        var (w, h, animated, frames) = ImageHeaders.Webp(webp);
        Assert.True(animated);
        Assert.Equal(AnimatedPreview.Seconds * AnimatedPreview.Standard.Fps, frames);
        Assert.Equal(AnimatedPreview.LongSide, Math.Max(w, h));
        Assert.Equal((double)width / height, (double)w / h, 0.02);
        Assert.True(webp.Length <= AnimatedPreview.MaxBytes, $"{webp.Length} bytes");

        var (sw, sh) = ImageHeaders.Jpeg(sheet);
        var grid = previews.Grid!;
        Assert.Equal((grid.Width, grid.Height), (sw, sh));
        VttCue.AssertCover(VttCue.Parse(ThumbnailsVtt.Write(grid, "https://x/s.jpg")), sw, sh, info.DurationSeconds);
        // The scratch files are gone once stored.
        Assert.Equal([video], Directory.GetFiles(dir));
    }

    [Fact]
    public async Task StoreAsync_WhenFfmpegFails_LeavesThePreviewsOut_WithoutThrowing()
    {
        var notAVideo = Path.Combine(dir, "broken.mp4");
        await File.WriteAllTextAsync(notAVideo, "not a video");
        var info = new MediaInfo(8, 1920, 1080, 24, "h264", null, 1, 11);

        Assert.Null(await Maker(enabled: true).StoreAsync(notAVideo, info, "videos/v/a1/0", CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(dir, "store")));
    }

    [Fact]
    public async Task StoreAsync_WhenTurnedOff_MakesNothing() =>
        Assert.Null(await Maker(enabled: false).StoreAsync("unused.mp4", new MediaInfo(8, 1920, 1080, 24, "h264", null, 1, 1), "k", CancellationToken.None));

    PreviewMaker Maker(bool enabled) => new(ffmpeg, new FileSystemBlobStore(Options.Create(new StorageOptions { Root = Path.Combine(dir, "store") })),
        Options.Create(new PreviewsOptions { Enabled = enabled }), NullLogger<PreviewMaker>.Instance);

    string Blob(string key) => Path.Combine(dir, "store", "blobs", key);

    /// A moving test pattern with fine detail (testsrc2), H.264 as providers deliver.
    async Task<string> ClipAsync(int width, int height, double seconds)
    {
        var video = Path.Combine(dir, $"-clip%d-{width}.mp4");
        await ffmpeg.RunFfmpegAsync(["-v", "error", "-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r=24:d={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", FfmpegPaths.ToUrl(video)], TimeSpan.FromMinutes(2), CancellationToken.None);
        return video;
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
