using System.Text.Json.Serialization;

namespace Reelgate.Server.Media.Previews;

/// The spritesheet's layout: one tile every `Interval` seconds, `Count` tiles laid out row by row in
/// `Columns` × `Rows`, each `TileWidth` × `TileHeight` with no padding. The same record drives the
/// FFmpeg tile filter and the WebVTT cues, so the cues can only point where tiles are.
internal sealed record SpriteGrid(int Interval, int Count, int Columns, int Rows, int TileWidth, int TileHeight, double Duration)
{
    /// A tile's long side: big enough to recognise a scene under a scrub bar, small enough that a
    /// 30-tile sheet stays a few tens of kilobytes.
    public const int TileLongSide = 160;
    /// At most this many tiles: whole-second steps up to 30 s, longer steps beyond.
    public const int MaxTiles = 30;
    const int MaxColumns = 5;

    [JsonIgnore] public int Width => Columns * TileWidth;
    [JsonIgnore] public int Height => Rows * TileHeight;

    /// The grid for a video; null when it has no duration or size to sample.
    public static SpriteGrid? For(double duration, int width, int height)
    {
        if (duration <= 0 || width <= 0 || height <= 0) return null;
        var interval = Math.Max(1, (int)Math.Ceiling(duration / MaxTiles));
        var count = Math.Max(1, (int)Math.Ceiling(duration / interval));
        var columns = Math.Min(count, MaxColumns);
        var rows = (count + columns - 1) / columns;
        var (w, h) = LongSide(width, height, TileLongSide);
        return new SpriteGrid(interval, count, columns, rows, w, h, duration);
    }

    /// Tile k's rectangle in the sheet (x, y, w, h).
    public (int X, int Y, int W, int H) Tile(int k) => (k % Columns * TileWidth, k / Columns * TileHeight, TileWidth, TileHeight);

    /// Tile k's time span; the last ends at the video's end.
    public (double Start, double End) Span(int k) => (k * Interval, Math.Min((k + 1) * Interval, Duration));

    /// `round=up`: tile k shows the frame at k × Interval, and a last partial interval gets its tile.
    [JsonIgnore] public string Filter => $"fps=1/{Interval}:round=up,scale={TileWidth}:{TileHeight}:flags=bilinear,setsar=1,tile={Columns}x{Rows}";

    /// A size scaled so its long side is `longSide`, both sides even (what the encoders want).
    public static (int Width, int Height) LongSide(int width, int height, int longSide)
    {
        static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
        return width >= height ? (longSide, Even((double)longSide * height / width)) : (Even((double)longSide * width / height), longSide);
    }
}
