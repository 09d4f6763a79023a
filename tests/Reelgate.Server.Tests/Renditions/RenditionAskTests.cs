using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Reelgate.Server.Http;
using Reelgate.Server.Renditions;

namespace Reelgate.Server.Tests.Renditions;

/// The create fields `renditions`, `fps_mode`, `hls` (pure) and the rendition price list.
public sealed class RenditionAskTests
{
    static (RenditionAsk? Ask, ApiError? Error) Read(string json) => RenditionAsk.Read(RequestFields.FromJson(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void NoField_IsNoAsk() => Assert.Equal((null, null), Read("""{"prompt":"x"}"""));

    [Fact]
    public void Names_AreKeptInOrder_WithTheDefaultFpsMode()
    {
        var (ask, _) = Read("""{"renditions":["vp9_1080p30","h264_720p30"]}""");
        Assert.Equal(["vp9_1080p30", "h264_720p30"], ask!.Names);
        Assert.Equal("duplicate", ask.FpsMode);
        Assert.Equal(["vp9_1080p30", "h264_720p30"], ask.RowNames);
    }

    [Theory]
    [InlineData("""{"renditions":["h264_480p30"]}""", "renditions", "invalid_enum")]
    [InlineData("""{"renditions":["h264_720p30","h264_720p30"]}""", "renditions", "duplicate_value")]
    [InlineData("""{"renditions":"h264_720p30,nope"}""", "renditions", "invalid_enum")]
    [InlineData("""{"renditions":[1]}""", "renditions", "invalid_type")]
    [InlineData("""{"fps_mode":"blend"}""", "fps_mode", "invalid_enum")]
    [InlineData("""{"hls":"yes"}""", "hls", "invalid_type")]
    public void Errors_NameTheField(string json, string param, string code)
    {
        var (ask, error) = Read(json);
        Assert.Null(ask);
        Assert.Equal(param, error!.Param);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Hls_WithoutAnMp4Rung_AddsTheH264Pair_AndAPackageRow()
    {
        var (ask, _) = Read("""{"renditions":["vp9_1080p30"],"hls":true}""");
        Assert.Equal(["vp9_1080p30", "h264_720p30", "h264_1080p30"], ask!.Names);
        Assert.Equal("hls", ask.RowNames.Last());
        Assert.Equal(["hevc_2160p60"], Read("""{"renditions":["hevc_2160p60"],"hls":true}""").Ask!.Names);
    }

    [Fact]
    public void Prices_DefaultFreeH264_AndConfigurable()
    {
        var prices = new RenditionPrices(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Billing:Renditions:h264_720p30"] = "0.001" }).Build(), 72m);
        Assert.Equal(0, prices.Of("h264_1080p30", 8));
        Assert.Equal(Reelgate.Server.Billing.Credits.FromDecimal(0.002m * 72) * 8, prices.Of("vp9_1080p30", 8));
        Assert.Equal(Reelgate.Server.Billing.Credits.FromDecimal(0.001m * 72) * 4, prices.Of("h264_720p30", 4));
        Assert.Equal(0, prices.Of(RenditionAsk.HlsName, 8));
        Assert.Throws<InvalidOperationException>(() => new RenditionPrices(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Billing:Renditions:h264_4k"] = "1" }).Build(), 72m));
    }
}
