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
        UpscalePerSecond = config.GetValue("Billing:UpscalePerSecond", 0.005m);
        if (UpscalePerSecond < 0) throw new InvalidOperationException("Billing:UpscalePerSecond must not be negative.");
        Renditions = new Reelgate.Server.Renditions.RenditionPrices(config, CreditsPerDollar);
        prices = Defaults();
        foreach (var child in config.GetSection("Billing:Prices").GetChildren())
        {
            var id = ModelCatalog.Find(child.Key)?.Id ?? throw new InvalidOperationException($"Billing:Prices:{child.Key} names no model.");
            child.Bind(prices[id]);
        }
    }

    public ModelPrice For(string modelId) => prices[modelId];

    /// Rendition prices (`Billing:Renditions:<name>`); those asked at create are part of the task's price.
    public Reelgate.Server.Renditions.RenditionPrices Renditions { get; }

    /// Dollars per second of an FFmpeg upscale of a stored output (`Billing:UpscalePerSecond`): a
    /// few CPU seconds, not a model, so a small fraction of any model's rate.
    public decimal UpscalePerSecond { get; }

    /// The price of a stored request: an upscale at its own rate, a generation by its model's (an
    /// extension for the seconds it adds, a remix for the parent's length: Tasks/Sequels).
    public long Price(Tasks.GenerationRequest r) => r.UpscaledFrom is not null
        ? PerSecondUnits(UpscalePerSecond) * r.Duration * r.N
        : Price(r.Model, r.ExtendedFrom?.AddedSeconds ?? r.Duration, r.Resolution, r.GenerateAudio, r.N) + Renditions.Of(r.Renditions, r.Duration) * r.N;

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
