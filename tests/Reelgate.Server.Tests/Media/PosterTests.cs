using Reelgate.Server.Files;
using Reelgate.Server.Media;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Media;

public sealed class PosterTests
{
    [Fact]
    public void FirstFrameArguments_GuardEveryPath_AndWriteOneJpegFrame()
    {
        var args = Poster.FirstFrameArguments("-odd:name.mp4", "out%d.jpg");

        Assert.Equal(["-v", "error", "-i", "file:" + Path.GetFullPath("-odd:name.mp4"),
            "-frames:v", "1", "-q:v", "2", "-update", "1", "-y", "file:" + Path.GetFullPath("out%d.jpg")], args);
    }

    [Fact]
    public void FromImageArguments_ReadExactlyOneStill_AndWriteTheSameJpeg()
    {
        var args = Poster.FromImageArguments("thumb%03d.webp", "0.jpg");

        Assert.Equal(["-v", "error", "-f", "image2", "-pattern_type", "none", "-i", "file:" + Path.GetFullPath("thumb%03d.webp"),
            "-frames:v", "1", "-q:v", "2", "-update", "1", "-y", "file:" + Path.GetFullPath("0.jpg")], args);
    }

    /// Names with ':' and '%' are what the guard is for: an unguarded '%d' output is a sequence
    /// pattern, and the poster would land under another name.
    [Fact]
    public async Task FirstFrameAsync_OnRealVideo_WritesAJpegUnderTheExactName()
    {
        var dir = Directory.CreateTempSubdirectory("rg-poster-a:b%d-").FullName;
        try
        {
            var video = Path.Combine(dir, "-clip%d.mp4");
            var jpeg = Path.Combine(dir, "poster%d.jpg");
            var runner = new FfmpegRunner();
            await runner.RunFfmpegAsync(["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=64x48:r=24:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-y", FfmpegPaths.ToUrl(video)], TimeSpan.FromMinutes(1), CancellationToken.None);

            await Poster.FirstFrameAsync(runner, video, jpeg, CancellationToken.None);

            Assert.True(ImageSniffer.IsJpegFile(jpeg));
            var probe = await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(jpeg));
            var stream = probe.Stream("video")!;
            Assert.Equal("mjpeg", stream["codec_name"]!.GetValue<string>());
            Assert.Equal((64, 48), (stream["width"]!.GetValue<int>(), stream["height"]!.GetValue<int>()));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
