using Reelgate.Server.Http;
using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Renditions;

/// What a client asked for: ladder names, how frame rates change, and whether to package HLS.
internal sealed record RenditionAsk(IReadOnlyList<string> Names, string FpsMode, bool Hls)
{
    public const string HlsName = "hls";

    /// HLS packages the MP4 rungs (H.264, HEVC, AV1); VP9 WebM is a browser fallback, not a ladder rung.
    public static bool Packageable(RenditionSpec spec) => spec.Container == "mp4";

    /// `hls: true` with no rung HLS can package gets the lightweight H.264 pair (docs/delivery.md).
    static readonly string[] HlsDefaults = ["h264_720p30", "h264_1080p30"];

    /// The `renditions`, `fps_mode` and `hls` fields (JSON or form), or null when none is present.
    /// Pure: errors name the field at fault.
    public static (RenditionAsk? Ask, ApiError? Error) Read(RequestFields f)
    {
        var names = f.StringList("renditions");
        var fps = f.String("fps_mode");
        var hls = f.Bool("hls");
        if (f.Error is { } typeError) return (null, typeError);
        if (names is null && fps is null && hls is null) return (null, null);
        var list = (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (list.FirstOrDefault(n => RenditionLadder.Find(n) is null) is { } unknown)
            return (null, ApiError.Invalid("renditions", $"'{unknown}' is not a rendition; use: {string.Join(", ", RenditionLadder.Names)}.", "invalid_enum"));
        if (list.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return (null, ApiError.Invalid("renditions", $"'{twice.Key}' is listed more than once.", "duplicate_value"));
        fps ??= "duplicate";
        if (!RenditionLadder.FpsModes.Contains(fps))
            return (null, ApiError.Invalid("fps_mode", "'fps_mode' must be duplicate or interpolate.", "invalid_enum"));
        if (hls == true && !list.Any(n => Packageable(RenditionLadder.Find(n)!)))
            list.AddRange(HlsDefaults.Where(d => !list.Contains(d)));
        return (new RenditionAsk(list, fps, hls ?? false), null);
    }

    /// Every row this ask makes for one output: the ladder names, then the package.
    public IEnumerable<string> RowNames => Hls ? [.. Names, HlsName] : Names;
}
