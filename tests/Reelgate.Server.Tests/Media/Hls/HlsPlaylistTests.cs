using Reelgate.Server.Media.Hls;

namespace Reelgate.Server.Tests.Media.Hls;

/// The pure parts of an HLS package: codec strings from real init segments' configuration boxes,
/// the master playlist's text, and bandwidth from the segments.
public sealed class HlsPlaylistTests
{
    // Payloads recorded from init.mp4 files FFmpeg 5.1 wrote (x264 High 3.0, x265 Main, SVT-AV1 Main).
    static byte[] Init(string type, params byte[] payload) => [0, 0, 0, (byte)(8 + payload.Length), .. "stsdavc1"u8.ToArray(), 0, 0, 0, 20, .. System.Text.Encoding.ASCII.GetBytes(type), .. payload];

    [Fact]
    public void CodecStrings_FromAvcC_AreProfileCompatibilityLevelInHex()
    {
        Assert.Equal("avc1.64001e", CodecStrings.Video(Init("avcC", 0x01, 0x64, 0x00, 0x1e, 0xff)));
        Assert.Equal("avc1.42c01f", CodecStrings.Video(Init("avcC", 0x01, 0x42, 0xc0, 0x1f, 0xff)));
    }

    [Fact]
    public void CodecStrings_FromHvcC_ReverseTheCompatibilityFlags_AndDropTrailingZeroConstraints()
    {
        Assert.Equal("hvc1.1.6.L63.90", CodecStrings.Video(Init("hvcC", 0x01, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 0x3f)));
        // Main 10, High tier, level 5.1 (153).
        Assert.Equal("hvc1.2.4.H153.B0", CodecStrings.Video(Init("hvcC", 0x01, 0x22, 0x20, 0, 0, 0, 0xb0, 0, 0, 0, 0, 0, 153)));
    }

    [Fact]
    public void CodecStrings_FromAv1C_AreProfileLevelTierDepth()
    {
        Assert.Equal("av01.0.01M.08", CodecStrings.Video(Init("av1C", 0x81, 0x01, 0x0c)));
        Assert.Equal("av01.0.13H.10", CodecStrings.Video(Init("av1C", 0x81, 0x0d, 0xcc)));
        Assert.Null(CodecStrings.Video("no configuration box here"u8));
    }

    [Fact]
    public void MasterPlaylist_IsVersion7_IndependentSegments_WithEveryAttributeAPlayerChoosesBy()
    {
        var text = MasterPlaylist.Write([
            new("h264_720p30/index.m3u8", 5_100_000, 4_400_000, 1280, 720, "avc1.64001f,mp4a.40.2", 30),
            new("h264_1080p60/index.m3u8", 19_000_000, 15_800_000, 1920, 1080, "avc1.64002a,mp4a.40.2", 60),
        ]);
        Assert.Equal("""
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-STREAM-INF:BANDWIDTH=5100000,AVERAGE-BANDWIDTH=4400000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2",FRAME-RATE=30.000
            h264_720p30/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=19000000,AVERAGE-BANDWIDTH=15800000,RESOLUTION=1920x1080,CODECS="avc1.64002a,mp4a.40.2",FRAME-RATE=60.000
            h264_1080p60/index.m3u8

            """.ReplaceLineEndings("\n"), text);
    }

    [Theory]
    [InlineData("/hls/a/index.m3u8")]
    [InlineData("https://cdn.example/a/index.m3u8")]
    public void MasterPlaylist_RefusesAUriThatIsNotRelative(string uri) =>
        Assert.Throws<ArgumentException>(() => MasterPlaylist.Write([new(uri, 1, 1, 2, 2, "avc1.64001e", 30)]));

    [Fact]
    public void MediaPlaylist_ReadsInitAndSegments_AndBandwidthIsPeakSegmentAndAverage()
    {
        var (init, segments) = MediaPlaylist.Read("""
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-TARGETDURATION:2
            #EXT-X-MAP:URI="init.mp4"
            #EXTINF:2.000000,
            seg_000.m4s
            #EXTINF:1.500000,
            seg_001.m4s
            #EXT-X-ENDLIST
            """);
        Assert.Equal("init.mp4", init);
        Assert.Equal([new HlsSegment("seg_000.m4s", 2), new HlsSegment("seg_001.m4s", 1.5)], segments);
        // 250 kB in 2 s = 1 Mbps; 300 kB in 1.5 s = 1.6 Mbps (the peak); 550 kB in 3.5 s on average.
        Assert.Equal((1_600_000L, 1_257_143L), MediaPlaylist.Bandwidth([(250_000, 2), (300_000, 1.5)]));
    }
}
