using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Reelgate.Server.Http;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Tasks.Lifecycle;

namespace Reelgate.Server.Tasks.Checks;

/// The worker's check of stored outputs against the request (OutputCheck), before the task
/// completes. A mismatch fails the task with `output_mismatch` (refunded, its files removed, like
/// any failed attempt) unless `Media:AcceptDowngrades` is on: then it completes with `downgrade`
/// and is charged what the delivered tier costs (never more than the hold).
///
/// Fewer videos than `n` with every delivered video as asked: when the provider said its content
/// filter removed the rest, that is not a mismatch, and the task is charged per video delivered
/// (Billing.Settlement.Split), as before this check existed.
internal sealed class OutputVerifier(Billing.Pricing pricing, IOptions<MediaOptions> media)
{
    public const string Code = "output_mismatch";

    public Delivery Apply(GenerationRequest request, IReadOnlyList<TaskOutput> outputs, Delivery delivery, int filtered = 0)
    {
        var probed = outputs.Select(o => new MediaInfo(o.Duration, o.Width, o.Height, o.Fps, o.VideoCodec, o.AudioCodec, o.Bitrate, o.SizeBytes)).ToList();
        var (mismatch, tier) = OutputCheck.Compare(request, probed);
        if (mismatch is null || (filtered > 0 && outputs.Count + filtered >= request.N && probed.All(m => OutputCheck.Matches(request, m))))
            return delivery;
        var details = JsonSerializer.Serialize(mismatch, Json.Wire);
        if (!media.Value.AcceptDowngrades)
            throw new ProviderException(Code, Describe(mismatch), details: details);
        var n = Math.Min(tier.N, request.N);
        var price = pricing.Price(request with { Resolution = tier.Resolution, Duration = tier.Seconds, GenerateAudio = tier.Audio, N = n });
        return delivery with { Downgrade = details, Charge = new Billing.DeliveredCharge(price, tier.Seconds * n) };
    }

    /// "asked 1920x1080 24 fps 8 s with audio ×1, delivered 1280x720 24 fps 8 s with audio ×1".
    static string Describe(OutputComparison c) =>
        $"The provider's output does not match the request: asked {Text(c.Asked)}, delivered {Text(c.Delivered)}.";

    static string Text(OutputShape s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Width}x{s.Height} {s.Fps:0.###} fps {s.Duration:0.###} s {(s.Audio ? "with" : "without")} audio, {s.N} video(s)");
}
