namespace Reelgate.Server.Media.Renditions;

/// One rung of the delivery ladder: a codec, a size (the short side, so a 9:16 master gets a
/// 1080×1920 rendition), a frame rate and seed 000's bitrate band, encoded as `-b:v` inside the
/// band and `-maxrate` at its top.
internal sealed record RenditionSpec(
    string Name, string Codec, string Container, int ShortSide, int Fps, long MinBitrate, long TargetBitrate, long MaxBitrate)
{
    public string ContentType => Container == "webm" ? "video/webm" : "video/mp4";
    public string FileName => $"{Name}.{Container}";

    /// The rendition's frame size for a master of this size: the master's aspect ratio with this
    /// rung's short side, both sides even (every encoder here needs 4:2:0 chroma).
    public (int Width, int Height) SizeFor(int masterWidth, int masterHeight)
    {
        var landscape = masterWidth >= masterHeight;
        var (shortM, longM) = landscape ? (masterHeight, masterWidth) : (masterWidth, masterHeight);
        var longSide = (int)Math.Round((double)longM * ShortSide / shortM / 2) * 2;
        return landscape ? (longSide, ShortSide) : (ShortSide, longSide);
    }

    /// Larger than the master: an upscale, and the rendition says so.
    public bool IsUpscale(int masterWidth, int masterHeight) => ShortSide > Math.Min(masterWidth, masterHeight);
}

/// The names a client may ask for (issue contract) and what each one is. Pure.
internal static class RenditionLadder
{
    const long M = 1_000_000;

    public static readonly IReadOnlyList<RenditionSpec> All =
    [
        new("h264_1080p30", "h264", "mp4", 1080, 30, 8 * M, 10 * M, 12 * M),
        new("h264_1080p60", "h264", "mp4", 1080, 60, 12 * M, 16 * M, 20 * M),
        new("h264_720p30", "h264", "mp4", 720, 30, 3 * M, 4_500_000, 6 * M),
        new("hevc_2160p60", "hevc", "mp4", 2160, 60, 25 * M, 40 * M, 60 * M),
        new("av1_2160p60", "av1", "mp4", 2160, 60, 25 * M, 35 * M, 60 * M),
        // Seed 000 names VP9 WebM without a band; Google's VOD guidance for 1080p30 VP9 is 2–4 Mbps
        // average, so the band sits above it (browser fallback quality close to the H.264 rung).
        new("vp9_1080p30", "vp9", "webm", 1080, 30, 4 * M, 6 * M, 8 * M),
    ];

    public static readonly IReadOnlyList<string> Names = All.Select(s => s.Name).ToArray();

    public static RenditionSpec? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// `fps_mode`: frames duplicated (or dropped) to reach the rung's rate, or motion-interpolated.
    public static readonly IReadOnlyList<string> FpsModes = ["duplicate", "interpolate"];
}
