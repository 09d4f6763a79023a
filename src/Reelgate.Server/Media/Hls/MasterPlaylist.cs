using System.Globalization;
using System.Text;

namespace Reelgate.Server.Media.Hls;

/// One variant stream of a master playlist: its media playlist's relative URI and what a player
/// needs to choose it without downloading it.
internal sealed record HlsVariant(string Uri, long PeakBandwidth, long AverageBandwidth, int Width, int Height, string Codecs, double FrameRate);

/// The master playlist (`master.m3u8`), version 7 (fMP4 segments). Pure.
internal static class MasterPlaylist
{
    public static string Write(IReadOnlyList<HlsVariant> variants)
    {
        if (variants.Count == 0) throw new ArgumentException("A master playlist needs at least one variant.", nameof(variants));
        var s = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var v in variants)
        {
            if (v.Uri.StartsWith('/') || v.Uri.Contains("://", StringComparison.Ordinal))
                throw new ArgumentException($"'{v.Uri}' is not relative: the package is served under any signed prefix.", nameof(variants));
            s.Append(CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={v.PeakBandwidth},AVERAGE-BANDWIDTH={v.AverageBandwidth},RESOLUTION={v.Width}x{v.Height},CODECS=\"{v.Codecs}\",FRAME-RATE={v.FrameRate:0.000}\n");
            s.Append(v.Uri).Append('\n');
        }
        return s.ToString();
    }
}
