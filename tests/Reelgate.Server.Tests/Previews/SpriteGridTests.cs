using System.Text.Json;
using Reelgate.Server.Http;
using Reelgate.Server.Media.Previews;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Tests.Previews;

/// The spritesheet's geometry and the WebVTT track written from it: pure, no FFmpeg.
public sealed class SpriteGridTests
{
    [Theory]
    [InlineData(4.0, 1920, 1080, 1, 4, 4, 1, 160, 90)]
    [InlineData(8.0, 1920, 1080, 1, 8, 5, 2, 160, 90)]
    [InlineData(7.5, 1280, 720, 1, 8, 5, 2, 160, 90)]
    [InlineData(20.0, 1080, 1920, 1, 20, 5, 4, 90, 160)]
    [InlineData(45.0, 1920, 1080, 2, 23, 5, 5, 160, 90)]
    [InlineData(6.0, 720, 720, 1, 6, 5, 2, 160, 160)]
    public void Grid_TakesATileEveryWholeInterval_InRowsOfFive(double duration, int w, int h, int interval, int count, int columns, int rows, int tw, int th)
    {
        var g = SpriteGrid.For(duration, w, h)!;
        Assert.Equal((interval, count, columns, rows, tw, th), (g.Interval, g.Count, g.Columns, g.Rows, g.TileWidth, g.TileHeight));
        Assert.True(g.Count <= g.Columns * g.Rows);
        Assert.Equal($"fps=1/{interval}:round=up,scale={tw}:{th}:flags=bilinear,setsar=1,tile={columns}x{rows}", g.Filter);
    }

    [Theory]
    [InlineData(0.0, 1920, 1080)]
    [InlineData(8.0, 0, 0)]
    public void Grid_OfAVideoWithNothingToSample_IsNone(double duration, int w, int h) => Assert.Null(SpriteGrid.For(duration, w, h));

    [Theory]
    [InlineData(8.0, 1920, 1080)]
    [InlineData(4.04, 1280, 720)]
    [InlineData(20.0, 1080, 1920)]
    [InlineData(45.5, 1920, 1080)]
    public void Vtt_CuesCoverTheDurationWithoutGaps_AndPointInsideTheSheet(double duration, int w, int h)
    {
        var g = SpriteGrid.For(duration, w, h)!;
        var url = "https://media.example/links/v/0/spritesheet.jpg?expires=1&signature=abc";
        var cues = VttCue.Parse(ThumbnailsVtt.Write(g, url));
        Assert.Equal(g.Count, cues.Count);
        VttCue.AssertCover(cues, g.Width, g.Height, duration);
        Assert.All(cues, c => Assert.Equal(url, c.Url));
    }

    [Fact]
    public void Vtt_WritesHoursAndMilliseconds()
    {
        var vtt = ThumbnailsVtt.Write(SpriteGrid.For(4.04, 1920, 1080)!, "u");
        Assert.Equal("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nu#xywh=0,0,160,90\n", vtt[..vtt.IndexOf("\n\n00:00:01", StringComparison.Ordinal)] + "\n");
        Assert.EndsWith("00:00:04.000 --> 00:00:04.040\nu#xywh=640,0,160,90\n", vtt);
    }

    [Fact]
    public void StoredOutputs_FromBeforePreviews_StillRead_WithNone()
    {
        const string old = """[{"index":0,"seed":7,"video_key":"videos/v/a1/0.mp4","thumbnail_key":"videos/v/a1/0.jpg","duration":4,"width":1280,"height":720,"fps":24,"video_codec":"h264","audio_codec":null,"bitrate":1,"size_bytes":2,"sha256":"ab"}]""";
        var o = Assert.Single(JsonSerializer.Deserialize<List<TaskOutput>>(old, Json.Wire)!);
        Assert.Null(o.Previews);
        Assert.Equal("videos/v/a1/0.jpg", o.ThumbnailKey);
    }

    [Fact]
    public void StoredOutputs_WithPreviews_KeepKeysAndGrid_ButNotDerivedValues()
    {
        var grid = SpriteGrid.For(8, 1920, 1080)!;
        var o = new TaskOutput(0, 1, "v.mp4", "v.jpg", 8, 1920, 1080, 24, "h264", null, 1, 2, "ab",
            new Server.Previews.OutputPreviews("0.preview.webp", "0.sprites.jpg", grid, 123));
        var json = JsonSerializer.Serialize(o, Json.Wire);
        Assert.DoesNotContain("filter", json);
        var back = JsonSerializer.Deserialize<TaskOutput>(json, Json.Wire)!;
        Assert.Equal(o.Previews, back.Previews);
    }
}
