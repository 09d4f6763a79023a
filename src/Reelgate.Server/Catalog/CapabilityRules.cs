using static Reelgate.Server.Catalog.GenerationTypes;

namespace Reelgate.Server.Catalog;

/// The rule kinds a catalogue file can name (`capabilities.rules`). A rule is code, so the file
/// picks from this fixed set rather than describing logic.
internal static class CapabilityRules
{
    public static readonly IReadOnlyDictionary<string, CapabilityRule> ByName = new CapabilityRule[]
    {
        new("high_res_needs_8s", "1080p and 4k need an 8-second duration", "duration",
            r => r.Resolution is "1080p" or "4k", r => r.Duration == 8),
        new("reference_is_16x9", "reference mode is 16:9 only", "aspect_ratio",
            r => r.GenerationType == Reference, r => r.AspectRatio == "16:9"),
        new("reference_needs_8s", "reference mode needs an 8-second duration", "duration",
            r => r.GenerationType == Reference, r => r.Duration == 8),
        new("first_last_needs_8s", "first & last frame needs an 8-second duration", "duration",
            r => r.GenerationType == FirstLast, r => r.Duration == 8),
    }.ToDictionary(r => r.Name, StringComparer.Ordinal);
}
