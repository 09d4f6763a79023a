using System.Globalization;
using System.Text;

namespace Reelgate.Server.Media.Previews;

/// The WebVTT thumbnails track of a spritesheet: one cue per tile, `start --> end` and the sheet's
/// URL with a media fragment `#xywh=x,y,w,h` (the convention players such as Video.js, JW Player
/// and Vidstack read for scrub previews). Pure: the grid and the sheet's URL in, the text out.
internal static class ThumbnailsVtt
{
    public static string Write(SpriteGrid grid, string spritesheetUrl)
    {
        var vtt = new StringBuilder("WEBVTT\n");
        for (var k = 0; k < grid.Count; k++)
        {
            var (start, end) = grid.Span(k);
            var (x, y, w, h) = grid.Tile(k);
            vtt.Append('\n').Append(Time(start)).Append(" --> ").Append(Time(end)).Append('\n')
               .Append(spritesheetUrl).Append(CultureInfo.InvariantCulture, $"#xywh={x},{y},{w},{h}").Append('\n');
        }
        return vtt.ToString();
    }

    /// hh:mm:ss.mmm, as WebVTT requires hours to be written when a cue can pass an hour.
    static string Time(double seconds) =>
        TimeSpan.FromMilliseconds(Math.Round(seconds * 1000)).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
