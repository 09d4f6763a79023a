namespace Reelgate.Server.Media;

/// What ffprobe says about a rendered video.
internal sealed record MediaInfo(
    double DurationSeconds,
    int Width,
    int Height,
    double Fps,
    string VideoCodec,
    string? AudioCodec,
    long BitRate,
    long SizeBytes);

/// What ffprobe says about an image.
internal sealed record ImageInfo(int Width, int Height, string Codec);
