using static Reelgate.Server.Catalog.GenerationTypes;

namespace Reelgate.Server.Catalog;

/// The public models, their aliases from the seed documents, and what each can do. Every model is
/// served by the local preview engine until upstream providers are configured.
internal static class ModelCatalog
{
    public const string DefaultModel = "veo-3.1-fast-generate-preview";

    static readonly CapabilityRule HighResNeeds8s = new(
        "1080p and 4k need an 8-second duration", "duration",
        r => r.Resolution is "1080p" or "4k", r => r.Duration == 8);
    static readonly CapabilityRule ReferenceIs16x9 = new(
        "reference mode is 16:9 only", "aspect_ratio",
        r => r.GenerationType == Reference, r => r.AspectRatio == "16:9");
    static readonly CapabilityRule ReferenceNeeds8s = new(
        "reference mode needs an 8-second duration", "duration",
        r => r.GenerationType == Reference, r => r.Duration == 8);
    static readonly CapabilityRule FirstLastNeeds8s = new(
        "first & last frame needs an 8-second duration", "duration",
        r => r.GenerationType == FirstLast, r => r.Duration == 8);

    static readonly string[] People = ["allow_all", "allow_adult", "dont_allow"];
    static readonly int[] Fps = [24, 25, 30, 60];

    static readonly ModelCapabilities Veo31 = new(
        Durations: [4, 6, 8], DefaultDuration: 8, Resolutions: ["720p", "1080p", "4k"],
        AspectRatios: ["16:9", "9:16", "1:1"], GenerationTypes: [Text, FirstFrame, FirstLast, Reference],
        MaxReferenceImages: 3, Audio: true, AudioDefault: true, Fps: Fps, MaxN: 4, PersonGeneration: People,
        Rules: [HighResNeeds8s, ReferenceIs16x9, ReferenceNeeds8s, FirstLastNeeds8s]);

    static readonly ModelCapabilities Veo30 = Veo31 with
    {
        Resolutions = ["720p", "1080p"],
        GenerationTypes = [Text, FirstFrame],
        MaxReferenceImages = 0,
        Rules = [HighResNeeds8s],
    };

    static readonly ModelCapabilities Veo20 = Veo31 with
    {
        Durations = [5, 6, 7, 8],
        Resolutions = ["720p"],
        AspectRatios = ["16:9", "9:16"],
        GenerationTypes = [Text, FirstFrame, FirstLast],
        MaxReferenceImages = 0,
        Audio = false,
        AudioDefault = false,
        Rules = [],
    };

    public static readonly IReadOnlyList<ModelSpec> Models =
    [
        new("veo-3.1-generate-preview", "Veo 3.1", ["veo3.1", "veo3.1-pro", "veo-3.1"], "local", Veo31),
        new("veo-3.1-fast-generate-preview", "Veo 3.1 Fast", ["veo3.1-fast", "veo-3.1-fast"], "local", Veo31),
        new("veo-3.0-generate-001", "Veo 3", ["veo3", "veo-3", "veo-3.0"], "local", Veo30),
        new("veo-3.0-fast-generate-001", "Veo 3 Fast", ["veo3-fast", "veo-3-fast", "veo-3.0-fast"], "local", Veo30),
        new("veo-2.0-generate-001", "Veo 2", ["veo2", "veo2-fast", "veo-2", "veo-2.0"], "local", Veo20),
    ];

    static readonly Dictionary<string, ModelSpec> ByName = Models
        .SelectMany(m => m.Aliases.Append(m.Id).Select(name => (name, m)))
        .ToDictionary(x => x.name, x => x.m, StringComparer.OrdinalIgnoreCase);

    public static ModelSpec? Find(string name) =>
        ByName.GetValueOrDefault(name.Trim().StartsWith("models/", StringComparison.Ordinal) ? name.Trim()[7..] : name.Trim());
}
