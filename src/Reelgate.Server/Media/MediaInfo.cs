namespace Reelgate.Server.Media;

/// What ffprobe says about a rendered video. The video profile ("High", "Main", "Profile 0") and
/// level as ffprobe numbers it (H.264 41 = 4.1, HEVC 153 = 5.1 × 30, AV1 seq_level_idx) are what
/// an HLS CODECS string needs; null when ffprobe has none.
internal sealed record MediaInfo(
    double DurationSeconds,
    int Width,
    int Height,
    double Fps,
    string VideoCodec,
    string? AudioCodec,
    long BitRate,
    long SizeBytes,
    string? VideoProfile = null,
    int? VideoLevel = null);

/// What ffprobe says about an image.
internal sealed record ImageInfo(int Width, int Height, string Codec);
