using System.Globalization;
using System.Text.RegularExpressions;

namespace Reelgate.Server.Tests.Previews;

/// A WebVTT thumbnails track read back: each cue's times, URL and xywh fragment.
public sealed record VttCue(double Start, double End, string Url, int X, int Y, int W, int H)
{
    static readonly Regex Cue = new(@"^(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)\n(\S+)#xywh=(\d+),(\d+),(\d+),(\d+)$", RegexOptions.Multiline);

    public static IReadOnlyList<VttCue> Parse(string vtt)
    {
        Assert.StartsWith("WEBVTT\n", vtt);
        var cues = Cue.Matches(vtt).Select(m => new VttCue(Seconds(m.Groups[1].Value), Seconds(m.Groups[2].Value), m.Groups[3].Value,
            Int(m, 4), Int(m, 5), Int(m, 6), Int(m, 7))).ToList();
        // Every block after the header is a cue this reader understood.
        Assert.Equal(vtt.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length - 1, cues.Count);
        return cues;
    }

    /// Every cue's rectangle inside a `width` × `height` sheet, and cues from 0 to `duration` with no gap or overlap.
    public static void AssertCover(IReadOnlyList<VttCue> cues, int width, int height, double duration)
    {
        Assert.NotEmpty(cues);
        Assert.Equal(0, cues[0].Start);
        for (var k = 0; k < cues.Count; k++)
        {
            var c = cues[k];
            Assert.True(c.End > c.Start, $"cue {k} is empty");
            Assert.True(c.W > 0 && c.H > 0 && c.X + c.W <= width && c.Y + c.H <= height, $"cue {k} ({c.X},{c.Y},{c.W},{c.H}) is outside the {width}x{height} sheet");
            if (k > 0) Assert.Equal(cues[k - 1].End, c.Start);
        }
        Assert.Equal(duration, cues[^1].End, 0.0015);
    }

    static double Seconds(string t) => TimeSpan.ParseExact(t, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture).TotalSeconds;

    static int Int(Match m, int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
}
