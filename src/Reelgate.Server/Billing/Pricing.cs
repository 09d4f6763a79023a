using Reelgate.Server.Catalog;

namespace Reelgate.Server.Billing;

/// Dollars per second of output for one model. Audio and 4K are separate rates, as in seed 004.
internal sealed class ModelPrice
{
    public decimal PerSecond { get; set; }
    public decimal AudioPerSecond { get; set; }
    public decimal FourKPerSecond { get; set; }
    public decimal FourKAudioPerSecond { get; set; }
}

/// The price list: `Billing:CreditsPerDollar` and `Billing:Prices:<model id>:<rate>`, defaults
/// from seed 004 (Veo 3.1 Fast: $0.08/s, $0.12/s with audio, $0.24/s at 4K, $0.2808/s at 4K with
/// audio; 72 credits per dollar, so 5.76 credits a second). The other models' defaults follow
/// Google's published list prices and should be set to what an operator actually charges.
internal sealed class Pricing
{
    public decimal CreditsPerDollar { get; }
    readonly Dictionary<string, ModelPrice> prices;

    public Pricing(IConfiguration config)
    {
        CreditsPerDollar = config.GetValue("Billing:CreditsPerDollar", 72m);
        if (CreditsPerDollar <= 0) throw new InvalidOperationException("Billing:CreditsPerDollar must be positive.");
        prices = Defaults();
        foreach (var child in config.GetSection("Billing:Prices").GetChildren())
        {
            var id = ModelCatalog.Find(child.Key)?.Id ?? throw new InvalidOperationException($"Billing:Prices:{child.Key} names no model.");
            child.Bind(prices[id]);
        }
    }

    public ModelPrice For(string modelId) => prices[modelId];

    /// The price of a task in 1/10,000 credit: per-second rate × seconds × n.
    public long Price(string modelId, int seconds, string resolution, bool audio, int n)
    {
        var p = prices[modelId];
        var rate = (resolution == "4k", audio) switch
        {
            (true, true) => p.FourKAudioPerSecond,
            (true, false) => p.FourKPerSecond,
            (false, true) => p.AudioPerSecond,
            _ => p.PerSecond,
        };
        return Credits.FromDecimal(rate * CreditsPerDollar) * seconds * n;
    }

    public long PerSecondUnits(decimal dollars) => Credits.FromDecimal(dollars * CreditsPerDollar);

    static Dictionary<string, ModelPrice> Defaults() => new()
    {
        ["veo-3.1-fast-generate-preview"] = new() { PerSecond = 0.08m, AudioPerSecond = 0.12m, FourKPerSecond = 0.24m, FourKAudioPerSecond = 0.2808m },
        ["veo-3.1-generate-preview"] = new() { PerSecond = 0.20m, AudioPerSecond = 0.40m, FourKPerSecond = 0.40m, FourKAudioPerSecond = 0.60m },
        ["veo-3.0-generate-001"] = new() { PerSecond = 0.20m, AudioPerSecond = 0.40m, FourKPerSecond = 0.40m, FourKAudioPerSecond = 0.60m },
        ["veo-3.0-fast-generate-001"] = new() { PerSecond = 0.10m, AudioPerSecond = 0.15m, FourKPerSecond = 0.30m, FourKAudioPerSecond = 0.35m },
        ["veo-2.0-generate-001"] = new() { PerSecond = 0.35m, AudioPerSecond = 0.35m, FourKPerSecond = 0.35m, FourKAudioPerSecond = 0.35m },
    };
}
