using Microsoft.Extensions.Configuration;
using Reelgate.Server.Media;
using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Tests.Media.Renditions;

public sealed class RenditionPresetsTests
{
    [Fact]
    public void A_configured_codec_replaces_only_its_own_default()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Media:Presets:HEVC"] = "superfast" })
            .Build();

        var options = config.GetSection(MediaOptions.Section).Get<MediaOptions>()!;

        Assert.Equal("superfast", RenditionPresets.For(options.Presets, "hevc"));
        Assert.Equal("veryfast", RenditionPresets.For(options.Presets, "h264"));
        Assert.Equal("10", RenditionPresets.For(options.Presets, "av1"));
        Assert.Null(RenditionPresets.Problem(options.Presets));
    }

    [Theory]
    [InlineData("av1", "-x")]
    [InlineData("av1", "14")]
    [InlineData("vp9", "9")]
    [InlineData("h264", "turbo")]
    [InlineData("mpeg2", "fast")]
    public void Values_an_encoder_does_not_take_are_refused(string codec, string value) =>
        Assert.NotNull(RenditionPresets.Problem(new Dictionary<string, string> { [codec] = value }));
}
