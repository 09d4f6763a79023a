using Reelgate.Server.Media.Hls;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Media.Hls;

/// The packager on real renditions: what it writes, what ffprobe reads back through the master
/// playlist, and that VP9 WebM stays out of HLS.
public sealed class HlsPackagerTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("rg-hls-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task PackageAsync_WritesAMasterAndOneFolderPerRendition_WithRelativeUris_AndLeavesVp9Out()
    {
        var package = await HlsSamples.PackageAsync(dir, "h264_720p30", "hevc_2160p60", "av1_2160p60", "vp9_1080p30");

        var names = package.Files.Select(f => f.RelativePath).ToList();
        Assert.Contains(("master.m3u8", "application/vnd.apple.mpegurl"), package.Files);
        foreach (var r in new[] { "h264_720p30", "hevc_2160p60", "av1_2160p60" })
        {
            Assert.Contains(($"{r}/index.m3u8", "application/vnd.apple.mpegurl"), package.Files);
            Assert.Contains(($"{r}/init.mp4", "video/mp4"), package.Files);
            Assert.Contains(($"{r}/seg_000.m4s", "video/mp4"), package.Files);
            var media = await File.ReadAllTextAsync(Path.Combine(package.Folder, r, "index.m3u8"));
            Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", media);
            Assert.Contains("#EXT-X-MAP:URI=\"init.mp4\"", media);
            // 6 s with a keyframe every 2 s: three segments of about 2 s.
            Assert.Equal(3, MediaPlaylist.Read(media).Segments.Count);
        }
        Assert.DoesNotContain(names, n => n.StartsWith("vp9", StringComparison.Ordinal));

        var master = await File.ReadAllTextAsync(Path.Combine(package.Folder, "master.m3u8"));
        var lines = master.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS"], lines[..3]);
        var uris = lines.Where(l => !l.StartsWith('#')).ToList();
        // H.264 first: the variant every player can start with.
        Assert.Equal("h264_720p30/index.m3u8", uris[0]);
        Assert.Equal(["av1_2160p60/index.m3u8", "hevc_2160p60/index.m3u8"], uris.Skip(1).Order(StringComparer.Ordinal));
        Assert.Matches("""CODECS="avc1\.(64|42)[0-9a-f]{4},mp4a\.40\.2",FRAME-RATE=30\.000""", master);
        Assert.Matches("""CODECS="hvc1\.1\.6\.L\d+\.90,mp4a\.40\.2""", master);
        Assert.Matches("""CODECS="av01\.0\.\d\dM\.08,mp4a\.40\.2""", master);
        Assert.Contains("RESOLUTION=320x180", master);
    }

    [Fact]
    public async Task MasterPlaylist_IsReadByFfprobe_WithEachVariantsStreams()
    {
        var package = await HlsSamples.PackageAsync(dir, "h264_720p30", "h264_1080p60");
        var probe = await Ffprobe.ProbeFileAsync(Path.Combine(package.Folder, "master.m3u8"));
        Assert.Equal("hls", probe["format"]!["format_name"]!.GetValue<string>());
        Assert.Equal(2, probe["streams"]!.AsArray().Count(s => s!["codec_name"]!.GetValue<string>() == "h264"));
    }

    [Fact]
    public async Task PackageAsync_WithOnlyVp9_Refuses()
    {
        var vp9 = await HlsSamples.RenditionAsync(dir, "vp9_1080p30", seconds: 1);
        await Assert.ThrowsAsync<ArgumentException>(() => new HlsPackager(new Server.Media.FfmpegRunner())
            .PackageAsync([vp9], Path.Combine(dir, "hls"), TimeSpan.FromMinutes(1), CancellationToken.None));
    }
}
