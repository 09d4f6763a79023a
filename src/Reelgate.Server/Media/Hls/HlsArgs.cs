namespace Reelgate.Server.Media.Hls;

/// The FFmpeg argument list that cuts one finished rendition into CMAF fMP4 segments by stream
/// copy: no re-encode, cut at the keyframes the renditions place every 2 s. Pure.
internal static class HlsArgs
{
    public const string Playlist = "index.m3u8", Init = "init.mp4", SegmentPattern = "seg_%03d.m4s";

    /// `folder` is the rendition's own folder; FFmpeg names the init and segments in the playlist
    /// relative to it.
    public static IReadOnlyList<string> For(string input, string folder, string codec) =>
    [
        "-v", "error", "-i", FfmpegPaths.ToUrl(input),
        "-map", "0:v:0", "-map", "0:a:0?", "-c", "copy",
        // HEVC in fMP4 must be tagged hvc1 (parameter sets in the init segment) for Apple players.
        .. (codec == "hevc" ? new[] { "-tag:v:0", "hvc1" } : []),
        "-f", "hls", "-hls_segment_type", "fmp4", "-hls_time", "2", "-hls_playlist_type", "vod",
        "-hls_flags", "independent_segments", "-hls_fmp4_init_filename", Init,
        "-hls_segment_filename", FfmpegPaths.ToUrl(Path.Combine(folder, SegmentPattern)),
        "-y", FfmpegPaths.ToUrl(Path.Combine(folder, Playlist)),
    ];
}
