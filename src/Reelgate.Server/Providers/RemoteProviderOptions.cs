using Reelgate.Server.Providers.Routing;

namespace Reelgate.Server.Providers;

/// The settings every remote adapter shares, bound with its own from `Providers:<Section>`: the
/// router's (cost, abilities, circuit, poll back-off) and the job cap. One class per section, so
/// one default per key: each adapter passes its own MaxConcurrency and PollSeconds defaults here.
internal abstract class RemoteProviderOptions(int maxConcurrency, double pollSeconds)
{
    /// The adapter is registered only when this is true.
    public bool Enabled { get; set; }

    /// Dollars per second of output, for choosing the cheapest candidate (not for billing). When
    /// unset, the model's list price (Billing:Prices).
    public double? CostPerSecond { get; set; }

    /// Upstream jobs in flight at once from this process; more wait in our queue (not upstream).
    public int MaxConcurrency { get; set; } = maxConcurrency;

    /// Override what the router believes the adapter can do (generation types, n, audio).
    public string[]? GenerationTypes { get; set; }
    public int? MaxN { get; set; }
    public bool? Audio { get; set; }

    /// Failures in a row that open the circuit, and how long it stays open before a trial call.
    public int CircuitFailures { get; set; } = 3;
    public double CircuitCooldownSeconds { get; set; } = 30;

    /// The first wait between polls (it grows by half each time up to MaxPollSeconds), and the
    /// wait after a throttled or failed poll that named no Retry-After.
    public double PollSeconds { get; set; } = pollSeconds;
    public double MaxPollSeconds { get; set; } = 60;

    /// The first shared setting that cannot work, named with its full key; null when all can.
    public string? Problem(string section) =>
        MaxConcurrency < 1 ? $"{section}:MaxConcurrency must be at least 1."
        : CircuitFailures < 1 ? $"{section}:CircuitFailures must be at least 1."
        : CircuitCooldownSeconds < 0 ? $"{section}:CircuitCooldownSeconds must be 0 or more."
        : !(PollSeconds > 0) ? $"{section}:PollSeconds must be more than 0."
        : !(MaxPollSeconds > 0) ? $"{section}:MaxPollSeconds must be more than 0."
        : CostPerSecond < 0 ? $"{section}:CostPerSecond must be 0 or more."
        : MaxN < 1 ? $"{section}:MaxN must be at least 1."
        : GenerationTypes?.FirstOrDefault(t => !RemoteEntry.AllTypes.Contains(t)) is { } unknown
            ? $"{section}:GenerationTypes: '{unknown}' is not one of {string.Join(", ", RemoteEntry.AllTypes)}."
        : AdapterProblem(section);

    /// The first adapter-specific setting that cannot work, or null.
    protected virtual string? AdapterProblem(string section) => null;
}
