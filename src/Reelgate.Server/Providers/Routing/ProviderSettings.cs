using Reelgate.Server.Catalog;

namespace Reelgate.Server.Providers.Routing;

/// What the router needs to know about one configured provider, read from `Providers:<Section>`
/// beside the adapter's own settings (base URL, keys, models map).
internal sealed class ProviderSettings
{
    /// The adapter is registered only when this is true.
    public bool Enabled { get; set; }

    /// Dollars per second of output, for choosing the cheapest candidate (not for billing). When
    /// unset, the model's list price (Billing:Prices).
    public double? CostPerSecond { get; set; }

    /// Upstream jobs in flight at once from this process; more wait in our queue.
    public int MaxConcurrency { get; set; } = 4;

    public string[]? GenerationTypes { get; set; }
    public int? MaxN { get; set; }
    public bool? Audio { get; set; }

    /// Failures in a row that open the circuit, and how long it stays open before a trial call.
    public int CircuitFailures { get; set; } = 3;
    public double CircuitCooldownSeconds { get; set; } = 30;

    /// The first wait between polls; it grows by half each time up to MaxPollSeconds.
    public double PollSeconds { get; set; } = 5;
    public double MaxPollSeconds { get; set; } = 60;
}

/// One adapter with its routing settings and its defaults for what it can do.
internal sealed record RemoteEntry(
    IRemoteProvider Provider, ProviderSettings Settings, Func<string, string?> UpstreamId, IReadOnlySet<string> DefaultTypes, int DefaultMaxN)
{
    public IReadOnlySet<string> Types => Settings.GenerationTypes is { Length: > 0 } t ? t.ToHashSet() : DefaultTypes;
    public int MaxN => Settings.MaxN ?? DefaultMaxN;

    public static readonly IReadOnlySet<string> AllTypes = new HashSet<string>
        { GenerationTypes.Text, GenerationTypes.FirstFrame, GenerationTypes.FirstLast, GenerationTypes.Reference };
}
