namespace Reelgate.Server.Catalog;

/// Generation types on the native wire.
internal static class GenerationTypes
{
    public const string Text = "text";
    public const string FirstFrame = "first_frame";
    public const string FirstLast = "first_last";
    public const string Reference = "reference";
}

/// A cross-field rule of one model: when `Applies` holds, `Holds` must too, else `Param` is at fault.
internal sealed record CapabilityRule(string Description, string Param, Func<RuleInput, bool> Applies, Func<RuleInput, bool> Holds);

/// The subset of a request that rules look at.
internal sealed record RuleInput(int Duration, string Resolution, string AspectRatio, string GenerationType, int ImageCount, bool Audio);

internal sealed record ModelCapabilities(
    int[] Durations,
    int DefaultDuration,
    string[] Resolutions,
    string[] AspectRatios,
    string[] GenerationTypes,
    int MaxReferenceImages,
    bool Audio,
    bool AudioDefault,
    int[] Fps,
    int MaxN,
    string[] PersonGeneration,
    IReadOnlyList<CapabilityRule> Rules);

internal sealed record ModelSpec(
    string Id,
    string DisplayName,
    string[] Aliases,
    string Provider,
    ModelCapabilities Capabilities);
