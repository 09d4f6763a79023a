using Reelgate.Server.Providers.ComfyUi;
using Reelgate.Server.Tests.Providers.OpenAiCompatible;

namespace Reelgate.Server.Tests.Providers.ComfyUi;

/// Whether an output needs re-encoding, decided on captured ffprobe output.
public sealed class ComfyMediaTests
{
    [Theory]
    [InlineData("ffprobe-h264-mp4.json", true)]
    [InlineData("ffprobe-vp9-webm.json", false)]
    [InlineData("ffprobe-h264-yuv444p-mp4.json", false)]
    public void IsPlayableMp4_OnlyH264Yuv420pInMp4(string file, bool playable) =>
        Assert.Equal(playable, ComfyMedia.IsPlayableMp4(Recorded.Text($"ComfyUi/{file}")));
}
