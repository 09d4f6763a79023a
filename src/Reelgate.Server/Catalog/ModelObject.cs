using System.Text.Json.Serialization;

namespace Reelgate.Server.Catalog;

/// A model as GET /v1/models shows it: what it accepts, who serves it (`upstream`: the catalogue's
/// id per provider), its price, and its lifecycle (Unix seconds; a request after `shutdown_at` is
/// served by `replacement`).
internal sealed record ModelObject(
    string Id, string Object, int Created, string OwnedBy, string DisplayName, IReadOnlyList<string> Aliases, string Provider,
    IReadOnlyList<ModelProviderView> Providers, string? ProviderNote, ModelCapabilitiesView Capabilities, ModelPricing Pricing,
    IReadOnlyDictionary<string, string> Upstream, long? DeprecatedAt, long? ShutdownAt, string? Replacement);

/// One provider that can serve the model, cheapest first; `live` is false while its circuit is open.
internal sealed record ModelProviderView(string Name, string UpstreamModel, double CostPerSecond, bool Live);

internal sealed record ModelCapabilitiesView(
    IReadOnlyList<int> Durations, int DefaultDuration, IReadOnlyList<string> Resolutions, IReadOnlyList<string> AspectRatios,
    IReadOnlyList<string> GenerationTypes, int MaxReferenceImages, bool Audio, bool AudioDefault, IReadOnlyList<int> Fps, int MaxN,
    IReadOnlyList<string> PersonGeneration, IReadOnlyList<CapabilityRuleView> Rules);

/// A cross-field rule, e.g. "1080p needs 8 seconds", and the parameter it is reported on.
internal sealed record CapabilityRuleView(string Description, string Param);

/// Per second of output, in dollars and in credits; a task costs rate × seconds × n.
internal sealed record ModelPricing(string Unit, decimal CreditsPerDollar, PriceRates Usd, PriceRates Credits);

internal sealed record PriceRates(
    decimal Standard, decimal Audio, [property: JsonPropertyName("uhd_4k")] decimal Uhd4k,
    [property: JsonPropertyName("uhd_4k_audio")] decimal Uhd4kAudio);
