using Reelgate.Server.Media;
using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Tests.Media.Renditions;

public sealed class RenditionArgsTests
{
    static readonly MediaInfo Master1080 = new(8, 1920, 1080, 24, "h264", "aac", 8_000_000, 8_000_000);

    static RenditionJob Job(string name, string fpsMode = "duplicate") => new(RenditionLadder.Find(name)!, fpsMode, "out/" + name);

    static string After(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];

    public static TheoryData<string> Names => [.. RenditionLadder.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Target_bitrate_is_inside_the_band_and_maxrate_at_its_top(string name)
    {
        var spec = RenditionLadder.Find(name)!;
        var args = RenditionArgs.For("master.mp4", Master1080, Job(name));

        var target = long.Parse(After(args, "-b:v"));
        Assert.InRange(target, spec.MinBitrate, spec.MaxBitrate);
        Assert.Equal(spec.MaxBitrate, long.Parse(After(args, "-maxrate")));
    }

    [Theory]
    [InlineData("h264_1080p30", "-g", "60")]
    [InlineData("h264_1080p60", "-keyint_min", "120")]
    [InlineData("h264_1080p30", "-sc_threshold", "0")]
    [InlineData("hevc_2160p60", "-x265-params", "keyint=120:min-keyint=120:scenecut=0:open-gop=0:log-level=error")]
    [InlineData("av1_2160p60", "-g", "120")]
    [InlineData("vp9_1080p30", "-g", "60")]
    public void Keyframes_fall_every_two_seconds(string name, string option, string value) =>
        Assert.Equal(value, After(RenditionArgs.For("m.mp4", Master1080, Job(name)), option));

    [Theory]
    [InlineData("h264_720p30", "duplicate", "scale=1280:720:flags=lanczos,setsar=1,fps=30")]
    [InlineData("h264_1080p60", "interpolate", "scale=1920:1080:flags=lanczos,setsar=1,minterpolate=fps=60:mi_mode=mci:mc_mode=aobmc:me_mode=bidir:vsbmc=1")]
    [InlineData("hevc_2160p60", "interpolate", "minterpolate=fps=60:mi_mode=mci:mc_mode=aobmc:me_mode=bidir:vsbmc=1,scale=3840:2160:flags=lanczos,setsar=1")]
    public void Frame_rate_is_duplicated_by_default_and_interpolated_when_asked(string name, string mode, string filter) =>
        Assert.Equal(filter, RenditionArgs.VideoFilter(Master1080, Job(name, mode)));

    [Fact]
    public void Interpolate_to_a_lower_rate_only_drops_frames()
    {
        var master60 = Master1080 with { Fps = 60 };

        Assert.EndsWith(",fps=30", RenditionArgs.VideoFilter(master60, Job("h264_1080p30", "interpolate")));
    }

    [Theory]
    [InlineData(1920, 1080, "h264_720p30", 1280, 720, false)]
    [InlineData(1080, 1920, "h264_1080p30", 1080, 1920, false)]
    [InlineData(1080, 1920, "av1_2160p60", 2160, 3840, true)]
    [InlineData(1024, 1024, "h264_1080p30", 1080, 1080, true)]
    [InlineData(1024, 1024, "h264_720p30", 720, 720, false)]
    [InlineData(1280, 720, "h264_1080p30", 1920, 1080, true)]
    public void Sizes_keep_the_masters_aspect_and_larger_ones_are_upscales(int mw, int mh, string name, int w, int h, bool upscale)
    {
        var spec = RenditionLadder.Find(name)!;

        Assert.Equal((w, h), spec.SizeFor(mw, mh));
        Assert.Equal(upscale, spec.IsUpscale(mw, mh));
        Assert.StartsWith($"scale={w}:{h}:flags=lanczos", RenditionArgs.VideoFilter(Master1080 with { Width = mw, Height = mh }, Job(name)));
    }

    [Theory]
    [InlineData("h264_1080p30", "aac", "high")]
    [InlineData("hevc_2160p60", "aac", "main")]
    [InlineData("vp9_1080p30", "libopus", "0")]
    public void Audio_is_aac_in_mp4_and_opus_in_webm_with_the_codecs_profile(string name, string audio, string profile)
    {
        var args = RenditionArgs.For("m.mp4", Master1080, Job(name));

        Assert.Equal(audio, After(args, "-c:a"));
        Assert.Equal(profile, After(args, "-profile:v"));
        Assert.Equal("atrim=end=8", After(args, "-af"));
    }

    [Fact]
    public void A_master_without_audio_gets_no_audio_options()
    {
        var args = RenditionArgs.For("m.mp4", Master1080 with { AudioCodec = null }, Job("h264_1080p30"));

        Assert.Contains("-an", args);
        Assert.DoesNotContain("-c:a", args);
        Assert.DoesNotContain("0:a:0", args);
    }

    [Fact]
    public void Presets_come_from_configuration_per_codec()
    {
        var presets = new Dictionary<string, string> { ["hevc"] = "superfast" };

        Assert.Equal("superfast", After(RenditionArgs.For("m.mp4", Master1080, Job("hevc_2160p60"), presets), "-preset"));
        Assert.Equal("10", After(RenditionArgs.For("m.mp4", Master1080, Job("av1_2160p60"), presets), "-preset"));
    }

    [Fact]
    public void Several_renditions_share_one_process_through_split()
    {
        var args = RenditionArgs.Together("m.mp4", Master1080, [Job("h264_1080p30"), Job("h264_720p30"), Job("h264_1080p60")]);

        Assert.StartsWith("[0:v:0]split=3[s0][s1][s2];[s0]scale=1920:1080", After(args, "-filter_complex"));
        Assert.Equal(["[v0]", "[v1]", "[v2]"], args.Where(a => a.StartsWith("[v", StringComparison.Ordinal)));
        Assert.Single(args, a => a == "-i");
    }
}
