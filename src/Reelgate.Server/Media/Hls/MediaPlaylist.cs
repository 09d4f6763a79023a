using System.Globalization;

namespace Reelgate.Server.Media.Hls;

/// One segment of a media playlist: its relative URI and its duration in seconds.
internal sealed record HlsSegment(string Uri, double Seconds);

/// Reads what the master playlist needs from a media playlist FFmpeg wrote. Pure.
internal static class MediaPlaylist
{
    /// The segments in order (`#EXTINF:<seconds>,` then the URI line) and the init section's URI.
    public static (string? Init, IReadOnlyList<HlsSegment> Segments) Read(string text)
    {
        string? init = null;
        double? pending = null;
        var segments = new List<HlsSegment>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal))
                init = line["#EXT-X-MAP:URI=\"".Length..].TrimEnd('"');
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
                pending = double.Parse(line["#EXTINF:".Length..].Split(',')[0], CultureInfo.InvariantCulture);
            else if (line.Length > 0 && !line.StartsWith('#') && pending is { } seconds)
            {
                segments.Add(new HlsSegment(line, seconds));
                pending = null;
            }
        }
        return (init, segments);
    }

    /// BANDWIDTH is the peak segment bit rate and AVERAGE-BANDWIDTH the whole stream's (RFC 8216
    /// 4.3.4.2), both from the segments as written, rounded up so a player never under-buffers.
    public static (long Peak, long Average) Bandwidth(IReadOnlyList<(long Bytes, double Seconds)> segments)
    {
        if (segments.Count == 0) return (0, 0);
        var peak = segments.Max(s => s.Seconds > 0 ? s.Bytes * 8 / s.Seconds : 0);
        var seconds = segments.Sum(s => s.Seconds);
        var average = seconds > 0 ? segments.Sum(s => s.Bytes) * 8 / seconds : 0;
        return ((long)Math.Ceiling(peak), (long)Math.Ceiling(average));
    }
}
