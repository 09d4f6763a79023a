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

/// The price list: `Billing:CreditsPerDollar` and `Billing:Prices:<model id>:<rate>` over each
/// model's `price` in the catalogue file (models.json: seed 004's Veo 3.1 Fast rates, $0.08/s,
/// $0.12/s with audio, $0.24/s at 4K, $0.2808/s at 4K with audio; the others Google's list
/// prices, to be set to what an operator actually charges). 72 credits per dollar by default, so
/// 5.76 credits a second.
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

    static Dictionary<string, ModelPrice> Defaults() => ModelCatalog.Models.ToDictionary(m => m.Id, m => new ModelPrice
    {
        PerSecond = m.Price.PerSecond,
        AudioPerSecond = m.Price.AudioPerSecond,
        FourKPerSecond = m.Price.Uhd4kPerSecond,
        FourKAudioPerSecond = m.Price.Uhd4kAudioPerSecond,
    }, StringComparer.OrdinalIgnoreCase);
}
