using Reelgate.Server.Compat.AceData;
using Reelgate.Server.Media;

namespace Reelgate.Server.Tests.Compat.AceData;

/// The pure pieces: the video id AceData clients pass back, and the upscale command.
public sealed class AceDataMappingTests
{
    [Theory]
    [InlineData("video_01abc:2", "video_01abc", 2)]
    [InlineData("video_01abc", "video_01abc", 0)]
    public void VideoRef_ReadsTaskAndIndex(string text, string task, int index)
    {
        var r = VideoRef.Parse(text)!;
        Assert.Equal((task, index), (r.TaskId, r.Index));
        Assert.Equal($"{task}:{index}", r.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(":1")]
    [InlineData("video_01abc:x")]
    [InlineData("video_01abc:-1")]
    public void VideoRef_RefusesWhatNamesNoOutput(string text) => Assert.Null(VideoRef.Parse(text));

    [Fact]
    public void UpscaleArguments_ScaleWithLanczos_AndKeepPathsFromBeingOptions()
    {
        var args = Upscale.Arguments("-in:put.mp4", "out.mp4", 1920, 1080);
        Assert.Contains("scale=1920:1080:flags=lanczos,setsar=1", args);
        Assert.Equal("file:" + Path.GetFullPath("-in:put.mp4"), args[args.ToList().IndexOf("-i") + 1]);
        Assert.Equal("-y", args[^2]);
    }
}
