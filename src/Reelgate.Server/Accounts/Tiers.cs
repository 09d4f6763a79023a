namespace Reelgate.Server.Accounts;

/// What a tier allows. Zero means "no limit" for every count; MonthlyCredits null means the tier
/// is unmetered (no holds, no balance check: for the admin account and trusted internal callers).
internal sealed class TierLimits
{
    public decimal? MonthlyCredits { get; set; }
    public int RequestsPerMinute { get; set; }
    public int Burst { get; set; }
    public int ConcurrentRenders { get; set; }
    public int TasksPerDay { get; set; }
    public double StorageGb { get; set; }
    public int DownloadsPerDay { get; set; }
    /// Comma-separated output containers the tier may download (mp4, mov, mkv).
    public string ContentTypes { get; set; } = "mp4,mov";

    public bool Metered => MonthlyCredits is not null;
    public long StorageBytes => (long)(StorageGb * 1024 * 1024 * 1024);
    public bool Allows(string container) => ContentTypes.Split(',', StringSplitOptions.TrimEntries).Contains(container, StringComparer.OrdinalIgnoreCase);
}

/// The tiers, from the seed documents (000's quota table and 001's rate table), each overridable
/// field by field under `Tiers:<name>:<Field>`; new tiers may be added the same way.
internal sealed class Tiers
{
    public const string Section = "Tiers";
    public const string Unlimited = "unlimited";

    public IReadOnlyDictionary<string, TierLimits> All { get; }
    public string DefaultTier { get; }
    /// The share of a tier's monthly credits at which a `usage.threshold` event is recorded.
    public double AlertThreshold { get; }

    public Tiers(IConfiguration config)
    {
        var all = Defaults();
        foreach (var child in config.GetSection(Section).GetChildren())
        {
            if (!all.TryGetValue(child.Key, out var limits)) all[child.Key] = limits = new TierLimits();
            child.Bind(limits);
        }
        All = all;
        DefaultTier = config["Accounts:DefaultTier"] is { Length: > 0 } d ? d : "free";
        AlertThreshold = config.GetValue("Billing:AlertThreshold", 0.8);
        if (AlertThreshold is <= 0 or > 1) throw new InvalidOperationException("Billing:AlertThreshold must be in (0, 1].");
        foreach (var name in all.Keys)
            if (name.Length == 0 || name.Length > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new InvalidOperationException($"Tier name '{name}' must be 1-40 letters, digits, '-' or '_'.");
        if (!all.ContainsKey(DefaultTier)) throw new InvalidOperationException($"Accounts:DefaultTier '{DefaultTier}' is not a configured tier.");
    }

    /// An account whose tier was removed from the configuration falls back to the default tier.
    public TierLimits For(string tier) => All.TryGetValue(tier, out var t) ? t : All[DefaultTier];

    static Dictionary<string, TierLimits> Defaults() => new(StringComparer.Ordinal)
    {
        ["free"] = new() { MonthlyCredits = 3_000, RequestsPerMinute = 60, Burst = 120, ConcurrentRenders = 2, TasksPerDay = 100, StorageGb = 5, DownloadsPerDay = 200, ContentTypes = "mp4,mov" },
        ["starter"] = new() { MonthlyCredits = 10_000, RequestsPerMinute = 120, Burst = 240, ConcurrentRenders = 3, TasksPerDay = 1_000, StorageGb = 50, DownloadsPerDay = 1_000, ContentTypes = "mp4,mov" },
        ["pro"] = new() { MonthlyCredits = 30_000, RequestsPerMinute = 300, Burst = 600, ConcurrentRenders = 10, TasksPerDay = 10_000, StorageGb = 250, DownloadsPerDay = 2_000, ContentTypes = "mp4,mov,mkv" },
        ["enterprise"] = new() { MonthlyCredits = 100_000, RequestsPerMinute = 500, Burst = 1_000, ConcurrentRenders = 10, TasksPerDay = 0, StorageGb = 1024, DownloadsPerDay = 5_000, ContentTypes = "mp4,mov,mkv" },
        [Unlimited] = new() { MonthlyCredits = null, ContentTypes = "mp4,mov,mkv" },
    };
}
