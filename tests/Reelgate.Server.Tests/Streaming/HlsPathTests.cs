using Reelgate.Server.Streaming;

namespace Reelgate.Server.Tests.Streaming;

public sealed class HlsPathTests
{
    [Theory]
    [InlineData("master.m3u8")]
    [InlineData("h264_720p30/index.m3u8")]
    [InlineData("hevc_2160p60/init.mp4")]
    [InlineData("av1_2160p60/seg_012.m4s")]
    public void PackageFiles_AreSafe(string path) => Assert.True(HlsPath.Safe(path));

    [Theory]
    [InlineData("")]
    [InlineData("../a1/0.mp4")]
    [InlineData("h264_720p30/../../a1/0.m3u8")]
    [InlineData("/etc/x.m3u8")]
    [InlineData("h264_720p30\\index.m3u8")]
    [InlineData("a/b/c.m4s")]
    [InlineData(".m3u8")]
    [InlineData("h264_720p30//index.m3u8")]
    [InlineData("index.m3u8.m4s")]
    [InlineData("poster.jpg")]
    [InlineData("h264_720p30/index%2e%2e.m3u8")]
    public void AnythingElse_IsNot(string path) => Assert.False(HlsPath.Safe(path));
}
