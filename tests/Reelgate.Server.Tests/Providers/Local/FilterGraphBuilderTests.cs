using Reelgate.Server.Providers.Local;

namespace Reelgate.Server.Tests.Providers.Local;

public sealed class FilterGraphBuilderTests
{
    private static readonly RenderOutputs Outputs = new("/out/v.mp4", "/out/t.jpg", "/tmp/cap.txt");

    [Fact]
    public void Text_render_encodes_h264_with_exact_size_rate_and_duration()
    {
        var args = Build(Spec(RenderMode.Text));

        AssertPair(args, "-t", "4");
        AssertPair(args, "-r", "24");
        AssertPair(args, "-c:v", "libx264");
        AssertPair(args, "-pix_fmt", "yuv420p");
        AssertPair(args, "-threads:v", "4");
        AssertPair(args, "-movflags", "+faststart");
        AssertPair(args, "-fflags", "+bitexact");
        AssertPair(args, "-map_metadata", "-1");
        Assert.DoesNotContain("-i", args);
        Assert.DoesNotContain("-c:a", args);
        Assert.Contains("s=320x180", Graph(args));
        Assert.Contains("file:/out/v.mp4", args);
        Assert.Equal("file:/out/t.jpg", args[^1]);
    }

    [Fact]
    public void Audio_adds_an_aac_bed_at_48k_stereo()
    {
        var args = Build(Spec(RenderMode.Text) with { Audio = true });

        AssertPair(args, "-c:a", "aac");
        AssertPair(args, "-ar", "48000");
        Assert.Contains("[aout]", args);
        Assert.Contains("anoisesrc", Graph(args));
        Assert.Contains("sine=", Graph(args));
    }

    [Theory]
    [InlineData(nameof(RenderMode.FirstFrame), 1, 1)]
    [InlineData(nameof(RenderMode.FirstLast), 3, 2)]
    [InlineData(nameof(RenderMode.Reference), 1, 1)]
    [InlineData(nameof(RenderMode.Reference), 5, 3)]
    public void Image_modes_read_the_right_images(string mode, int given, int read)
    {
        var images = Enumerable.Range(0, given).Select(i => $"/img/{i}.png").ToArray();
        var args = Build(Spec(Enum.Parse<RenderMode>(mode)) with { ImagePaths = images });

        Assert.Equal(read, args.Count(a => a == "-i"));
        Assert.Contains("file:/img/0.png", args);
        if (mode == nameof(RenderMode.FirstLast))
        {
            Assert.Contains($"file:/img/{given - 1}.png", args);
            Assert.Contains("xfade=", Graph(args));
        }
    }

    [Theory]
    [InlineData(nameof(ResizeMode.Pad), "pad=")]
    [InlineData(nameof(ResizeMode.Crop), "crop=")]
    public void Resize_mode_picks_letterbox_or_crop(string resize, string filter)
    {
        var spec = Spec(RenderMode.FirstFrame) with { ImagePaths = ["/img/a.png"], Resize = Enum.Parse<ResizeMode>(resize) };

        Assert.Contains(filter, Graph(Build(spec)));
    }

    [Fact]
    public void Same_inputs_give_the_same_arguments()
    {
        Assert.Equal(Build(Spec(RenderMode.Text)), Build(Spec(RenderMode.Text)));
    }

    [Fact]
    public void Caption_path_is_escaped_for_the_filtergraph()
    {
        var args = Build(Spec(RenderMode.Text), Outputs with { CaptionPath = "/tmp/it's: a [b],c;d.txt" });

        Assert.Contains(@"textfile=/tmp/it\\\'s\\\:\\\ a\\\ \\\[b\\\]\\\,c\\\;d.txt:", Graph(args));
    }

    [Fact]
    public void No_caption_path_means_no_caption_filter()
    {
        var graph = Graph(Build(Spec(RenderMode.Text), Outputs with { CaptionPath = null }));

        Assert.DoesNotContain("textfile=", graph);
        Assert.Contains("Reelgate", graph);
    }

    [Fact]
    public void Thumbnail_is_the_middle_frame_capped_at_1280()
    {
        var graph = Graph(Build(Spec(RenderMode.Text) with { Width = 3840, Height = 2160 }));

        Assert.Contains("select='eq(n,0)+eq(n,48)'", graph);
        Assert.Contains("scale=1280:720", graph);
    }

    [Theory]
    [InlineData(321, 180, 0)]
    [InlineData(8, 8, 0)]
    [InlineData(320, 180, 1)]
    public void Rejects_invalid_specs(int width, int height, int images)
    {
        var spec = Spec(RenderMode.FirstLast) with { Width = width, Height = height, ImagePaths = Enumerable.Repeat("/a.png", images).ToArray() };

        Assert.Throws<ArgumentException>(() => Build(spec));
    }

    internal static RenderSpec Spec(RenderMode mode) =>
        new(320, 180, 24, 4, "a red fox, pan left", null, 7, false, mode, [], ResizeMode.Pad);

    private static IReadOnlyList<string> Build(RenderSpec spec, RenderOutputs? outputs = null) =>
        FilterGraphBuilder.Build(ScenePlanner.Plan(spec), spec, outputs ?? Outputs);

    private static string Graph(IReadOnlyList<string> args) => ValueAfter(args, "-filter_complex");

    private static string ValueAfter(IReadOnlyList<string> args, string option)
    {
        var i = args.ToList().IndexOf(option);
        Assert.True(i >= 0 && i + 1 < args.Count, $"{option} missing");
        return args[i + 1];
    }

    private static void AssertPair(IReadOnlyList<string> args, string option, string value) =>
        Assert.Contains(Enumerable.Range(0, args.Count - 1), i => args[i] == option && args[i + 1] == value);
}
