namespace Reelgate.Server.Providers.Local;

/// The prompt words the planner understands, with the colours and moods they stand for.
internal static class SceneVocabulary
{
    internal sealed record TimeOfDay(Rgb[] Palette, Mood Mood, double Brightness, double Saturation);

    public static readonly IReadOnlyDictionary<string, Rgb[]> Colours = Build(new Dictionary<string, string[]>
    {
        ["red"] = ["E53935", "B71C1C"],
        ["crimson"] = ["C1121F", "780000"],
        ["blue"] = ["1E88E5", "0D47A1"],
        ["golden"] = ["FFC107", "D4A017"],
        ["gold"] = ["FFC107", "D4A017"],
        ["green"] = ["43A047", "1B5E20"],
        ["purple"] = ["8E24AA", "4A148C"],
        ["violet"] = ["7F00FF", "4B0082"],
        ["orange"] = ["FB8C00", "E65100"],
        ["yellow"] = ["FDD835", "F9A825"],
        ["pink"] = ["EC407A", "F8BBD0"],
        ["white"] = ["F5F5F5", "DADADA"],
        ["black"] = ["111111", "2B2B2B"],
        ["gray"] = ["808080", "505050"],
        ["grey"] = ["808080", "505050"],
        ["ocean"] = ["006994", "00A6C8", "004E7C"],
        ["sea"] = ["006994", "00A6C8", "004E7C"],
        ["water"] = ["2E86C1", "85C1E9"],
        ["sky"] = ["87CEEB", "4A90D9"],
        ["forest"] = ["228B22", "0B3D0B", "6B8E23"],
        ["jungle"] = ["1B5E20", "4CAF50", "2E7D32"],
        ["fire"] = ["FF4500", "FF8C00", "8B0000"],
        ["flame"] = ["FF4500", "FF8C00", "8B0000"],
        ["lava"] = ["CF1020", "FF6F00", "3E0000"],
        ["snow"] = ["F0F8FF", "CFE8FF", "A8C8E8"],
        ["ice"] = ["D6F0FF", "8FD3FE", "4FA3D1"],
        ["winter"] = ["E8F1F8", "9DB4C8", "5B7083"],
        ["desert"] = ["EDC9AF", "C2B280", "D2691E"],
        ["sand"] = ["EDC9AF", "C2B280"],
        ["neon"] = ["39FF14", "FF00FF", "00FFFF"],
        ["autumn"] = ["D2691E", "B7410E", "FFB347"],
        ["spring"] = ["98FB98", "FFB7C5", "FFFACD"],
    });

    public static readonly IReadOnlyDictionary<string, TimeOfDay> TimesOfDay = new Dictionary<string, TimeOfDay>
    {
        ["sunset"] = new(Hex("FF5E3A", "FF9A3C", "8B1E3F", "FFD27F"), Mood.Warm, 0.0, 1.25),
        ["sunrise"] = new(Hex("FFB07C", "FF7F50", "FFE4B5", "E9967A"), Mood.Warm, 0.03, 1.15),
        ["dawn"] = new(Hex("F4A7B9", "FFD1A9", "C39BD3"), Mood.Warm, -0.02, 1.05),
        ["dusk"] = new(Hex("4B3869", "D9735B", "1F2A48"), Mood.Cool, -0.06, 1.05),
        ["twilight"] = new(Hex("4B3869", "6A5ACD", "1F2A48"), Mood.Cool, -0.08, 1.0),
        ["night"] = new(Hex("0B1026", "1B2A5C", "3E4A89"), Mood.Dark, -0.12, 0.9),
        ["midnight"] = new(Hex("05070F", "141E46", "2C3E7A"), Mood.Dark, -0.15, 0.85),
        ["noon"] = new(Hex("87CEEB", "FFF8DC", "4FC3F7"), Mood.Bright, 0.06, 1.1),
        ["midday"] = new(Hex("87CEEB", "FFF8DC", "4FC3F7"), Mood.Bright, 0.06, 1.1),
        ["morning"] = new(Hex("FFE5B4", "ADD8E6", "FFFACD"), Mood.Bright, 0.04, 1.05),
    };

    /// Used when the prompt names fewer than two colours; the seed picks one.
    public static readonly IReadOnlyList<Rgb[]> DefaultPalettes =
    [
        Hex("3A1C71", "D76D77", "FFAF7B"),
        Hex("0F2027", "2C5364", "74EBD5"),
        Hex("42275A", "734B6D", "E0C3FC"),
        Hex("134E5E", "71B280", "F9F586"),
        Hex("1D2B64", "F8CDDA", "5C6BC0"),
        Hex("360033", "0B8793", "F5AF19"),
    ];

    public static readonly IReadOnlySet<string> FastWords = new HashSet<string>
        { "fast", "rapid", "quick", "energetic", "racing", "rushing", "explosive", "storm", "chaotic" };

    public static readonly IReadOnlySet<string> SlowWords = new HashSet<string>
        { "slow", "calm", "gentle", "serene", "peaceful", "quiet", "still", "tranquil", "dreamy" };

    public static readonly IReadOnlyList<string> Transitions =
        ["fade", "dissolve", "smoothleft", "smoothright", "circleopen", "radial", "wipeleft", "fadeblack"];

    public static Rgb[] Hex(params string[] hex) => Array.ConvertAll(hex, Rgb.Parse);

    private static Dictionary<string, Rgb[]> Build(Dictionary<string, string[]> source) =>
        source.ToDictionary(kv => kv.Key, kv => Hex(kv.Value));
}
