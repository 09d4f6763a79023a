using System.Globalization;

namespace Reelgate.Server.Media.Renditions;

/// The encoder speed preset of each codec (`Media:Presets:<codec>`) and which values each encoder
/// accepts. Pure. A preset is one argument value, never an option: a value outside these lists
/// stops the server at start-up instead of failing every rendition of that codec later.
internal static class RenditionPresets
{
    /// Measured on 2 shared cores (seconds of encode per second of 4K60 video): x265 ultrafast 5.4,
    /// superfast 10.5; SVT-AV1 12: 6.2, 10: 7.1, 8: 12.6. SVT-AV1 10 costs 15 % more than 12 for a
    /// visibly better picture; x265 superfast doubles the time, so HEVC stays at ultrafast.
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        ["h264"] = "veryfast",
        ["hevc"] = "ultrafast",
        ["av1"] = "10",
        ["vp9"] = "6",
    };

    static readonly string[] X26xPresets =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    /// The configured preset of a codec, or its default when the configuration leaves it out.
    public static string For(IReadOnlyDictionary<string, string> configured, string codec) =>
        configured.TryGetValue(codec, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : Defaults[codec];

    /// Null when every configured preset is one its encoder takes, else what is wrong.
    public static string? Problem(IReadOnlyDictionary<string, string> configured)
    {
        foreach (var (codec, value) in configured)
        {
            if (!Defaults.ContainsKey(codec))
                return $"Media:Presets:{codec} names no rendition codec (h264, hevc, av1, vp9)";
            var ok = codec switch
            {
                "h264" or "hevc" => X26xPresets.Contains(value.Trim()),
                "av1" => IsIntIn(value, 0, 13),
                _ => IsIntIn(value, 0, 8),
            };
            if (!ok)
                return $"Media:Presets:{codec} '{value}' is not a preset of its encoder";
        }
        return null;
    }

    static bool IsIntIn(string value, int min, int max) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;
}
