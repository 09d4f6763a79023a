namespace Reelgate.Server.Catalog;

/// Generation types on the native wire.
internal static class GenerationTypes
{
    public const string Text = "text";
    public const string FirstFrame = "first_frame";
    public const string FirstLast = "first_last";
    public const string Reference = "reference";
    /// A finished output of another task scaled up by FFmpeg (Tasks/Upscales): no provider renders it.
    public const string Upscale = "upscale";

    public static readonly string[] All = [Text, FirstFrame, FirstLast, Reference];
}

/// A cross-field rule of one model: when `Applies` holds, `Holds` must too, else `Param` is at fault.
internal sealed record CapabilityRule(string Name, string Description, string Param, Func<RuleInput, bool> Applies, Func<RuleInput, bool> Holds);

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

/// Dollars per second of output: the catalogue's list price (Billing:Prices overrides it).
internal sealed record ModelRates(decimal PerSecond, decimal AudioPerSecond, decimal Uhd4kPerSecond, decimal Uhd4kAudioPerSecond);

/// When a model stops being offered: deprecated (still served, with Deprecation/Sunset headers),
/// then shut down (served by `Replacement`). Either date may be absent.
internal sealed record ModelLifecycle(DateTimeOffset? DeprecatedAt, DateTimeOffset? ShutdownAt, string? Replacement)
{
    public static readonly ModelLifecycle Active = new(null, null, null);

    public bool IsShutDown(DateTimeOffset now) => ShutdownAt <= now;

    /// A model with a shutdown date is on its way out even before its deprecation date.
    public bool IsDeprecated(DateTimeOffset now) => DeprecatedAt <= now || ShutdownAt is not null;
}

/// One public model: its names, who serves it under which upstream id (`Upstream`: provider name →
/// that provider's id, the adapters' default mapping), what it can do, its price and lifecycle.
internal sealed record ModelSpec(
    string Id,
    string DisplayName,
    string[] Aliases,
    string Provider,
    ModelCapabilities Capabilities,
    IReadOnlyDictionary<string, string> Upstream,
    ModelRates Price,
    ModelLifecycle Lifecycle);
