using Reelgate.Server.Billing;
using Reelgate.Server.Media;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Checks;

namespace Reelgate.Server.Tests.Tasks.Checks;

public sealed class OutputCheckTests
{
    static GenerationRequest Asked(string res = "1080p", string aspect = "16:9", int seconds = 8, int fps = 24, bool audio = true, int n = 1)
    {
        var (w, h) = VideoSizes.For(res, aspect);
        return new(Model: "veo-3.1-fast-generate-preview", Prompt: "p", NegativePrompt: null, Duration: seconds, AspectRatio: aspect,
            Resolution: res, Width: w, Height: h, Fps: fps, GenerationType: "text", ImageFileIds: [], Seed: 1, N: n, GenerateAudio: audio,
            PersonGeneration: null, ResizeMode: "pad", EnhancePrompt: false, CallbackUrl: null, Metadata: null);
    }

    static MediaInfo Clip(int w = 1920, int h = 1080, double seconds = 8, double fps = 24, bool audio = true) =>
        new(seconds, w, h, fps, "h264", audio ? "aac" : null, 5_000_000, 1_000_000);

    [Fact]
    public void Compare_WhatWasAsked_Matches_AndIsBilledAsAsked()
    {
        var (mismatch, tier) = OutputCheck.Compare(Asked(), [Clip()]);
        Assert.Null(mismatch);
        Assert.Equal(new DeliveredTier("1080p", 8, true, 1), tier);
    }

    [Theory]
    [InlineData(8 + 1.0 / 24)]
    [InlineData(8 - 1.0 / 24)]
    [InlineData(8.021)] // AAC's last packet rounds the container's duration up
    public void Compare_DurationWithinOneFrame_Matches(double seconds) =>
        Assert.Null(OutputCheck.Compare(Asked(), [Clip(seconds: seconds)]).Mismatch);

    [Theory]
    [InlineData(8 + 1.0 / 24 + 0.001)]
    [InlineData(8 - 1.0 / 24 - 0.001)]
    [InlineData(6)]
    public void Compare_DurationMoreThanOneFrameOff_IsAMismatch(double seconds)
    {
        var mismatch = OutputCheck.Compare(Asked(), [Clip(seconds: seconds)]).Mismatch;
        Assert.NotNull(mismatch);
        Assert.Equal(8, mismatch.Asked.Duration);
        Assert.Equal(Math.Round(seconds, 3), mismatch.Delivered.Duration);
    }

    [Fact]
    public void Compare_FourKAskedDeliveredAs1080p_IsAMismatch_BilledAt1080p()
    {
        var (mismatch, tier) = OutputCheck.Compare(Asked("4k"), [Clip()]);
        Assert.Equal(new OutputShape(3840, 2160, "4k", 8, 24, true, 1), mismatch!.Asked);
        Assert.Equal(new OutputShape(1920, 1080, "1080p", 8, 24, true, 1), mismatch.Delivered);
        Assert.Equal("1080p", tier.Resolution);
    }

    [Fact]
    public void Compare_Portrait_IsTieredByItsShortSide_AndLandscapeForPortraitIsAMismatch()
    {
        var portrait = Asked("1080p", "9:16");
        Assert.Null(OutputCheck.Compare(portrait, [Clip(1080, 1920)]).Mismatch);
        var (mismatch, tier) = OutputCheck.Compare(portrait, [Clip(1920, 1080)]);
        Assert.NotNull(mismatch);
        Assert.Equal("1080p", tier.Resolution);
        Assert.Equal("720p", OutputCheck.Compare(portrait, [Clip(720, 1280)]).Tier.Resolution);
        Assert.Equal("4k", OutputCheck.Tier(2160, 3840));
        Assert.Equal("720p", OutputCheck.Tier(64, 64));
    }

    [Theory]
    [InlineData(30, 30, true)]
    [InlineData(30, 30000.0 / 1001, true)]
    [InlineData(24, 24000.0 / 1001, true)]
    [InlineData(30, 24, false)]
    [InlineData(60, 30, false)]
    [InlineData(24, 25, false)]
    public void Compare_FrameRate(int asked, double delivered, bool matches) =>
        Assert.Equal(matches, OutputCheck.Compare(Asked(fps: asked), [Clip(fps: delivered, seconds: 8)]).Mismatch is null);

    [Fact]
    public void Compare_AudioAskedButMissing_IsAMismatch_AndBilledWithoutAudio()
    {
        var (mismatch, tier) = OutputCheck.Compare(Asked(audio: true), [Clip(audio: false)]);
        Assert.False(mismatch!.Delivered.Audio);
        Assert.True(mismatch.Asked.Audio);
        Assert.False(tier.Audio);
    }

    [Fact]
    public void Compare_AudioNotAsked_MatchesWithOrWithoutIt_AndIsNeverBilled()
    {
        var (mismatch, tier) = OutputCheck.Compare(Asked(audio: false), [Clip(audio: true)]);
        Assert.Null(mismatch);
        Assert.False(tier.Audio);
        Assert.Null(OutputCheck.Compare(Asked(audio: false), [Clip(audio: false)]).Mismatch);
    }

    [Fact]
    public void Compare_FewerVideos_IsAMismatch_WithTheCount()
    {
        var (mismatch, tier) = OutputCheck.Compare(Asked(n: 2), [Clip()]);
        Assert.Equal(2, mismatch!.Asked.N);
        Assert.Equal(1, mismatch.Delivered.N);
        Assert.Equal(1, tier.N);
        Assert.Null(OutputCheck.Compare(Asked(n: 2), [Clip(), Clip()]).Mismatch);
    }

    [Fact]
    public void Compare_ShowsTheFirstVideoThatDiffers_AndBillsTheLowestTierAndShortestLength()
    {
        var (mismatch, tier) = OutputCheck.Compare(Asked(n: 2), [Clip(), Clip(1280, 720, seconds: 6)]);
        Assert.Equal(1280, mismatch!.Delivered.Width);
        Assert.Equal(new DeliveredTier("720p", 6, true, 2), tier);
    }

    [Fact]
    public void Compare_LongerThanAsked_IsAMismatch_BilledForTheSecondsAsked() =>
        Assert.Equal(8, OutputCheck.Compare(Asked(), [Clip(seconds: 10)]).Tier.Seconds);

    [Fact]
    public void Compare_NothingDelivered_IsAMismatch()
    {
        var (mismatch, tier) = OutputCheck.Compare(Asked(), []);
        Assert.Equal(0, mismatch!.Delivered.N);
        Assert.Equal(0, tier.N);
    }

    [Theory]
    [InlineData(100, 60, 60, 40)]
    [InlineData(100, 100, 100, 0)]
    [InlineData(100, 150, 100, 0)] // never more than the hold
    public void Downgraded_PaysTheDeliveredPrice_CappedAtTheHold(long held, long price, long charged, long refunded) =>
        Assert.Equal((charged, refunded), Settlement.Downgraded(held, price));
}
