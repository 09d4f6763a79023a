using Reelgate.Server.Media;

namespace Reelgate.Server.Tasks.Checks;

/// One side of a comparison: what was asked, or what a provider delivered (the first video that
/// differs, or the first video; `n` is how many came back). `resolution` is a price tier.
internal sealed record OutputShape(int Width, int Height, string Resolution, double Duration, double Fps, bool Audio, int N);

/// `error.details` of an `output_mismatch`, and a task's `downgrade` when the operator accepts it.
internal sealed record OutputComparison(OutputShape Asked, OutputShape Delivered);

/// What the delivered videos are billed as: the resolution tier, whole seconds (never more than
/// asked), audio only when asked and present, and how many videos.
internal sealed record DeliveredTier(string Resolution, int Seconds, bool Audio, int N);

/// Compares what a provider delivered, as probed, with the request. Pure. A video matches when its
/// frame is exactly the asked width × height, its duration is within one frame (at the asked rate)
/// of the asked seconds, its frame rate is the asked one (a 1000/1001 broadcast rate counts as its
/// round rate), and it has an audio stream when audio was asked; the task matches when every video
/// does and as many came back as were asked.
internal static class OutputCheck
{
    const double FrameRateTolerance = 0.002; // 30000/1001 is 0.1 % below 30

    public static (OutputComparison? Mismatch, DeliveredTier Tier) Compare(GenerationRequest r, IReadOnlyList<MediaInfo> delivered)
    {
        var asked = new OutputShape(r.Width, r.Height, r.Resolution, r.Duration, r.Fps, r.GenerateAudio, r.N);
        if (delivered.Count == 0)
            return (new OutputComparison(asked, new OutputShape(0, 0, Tier(0, 0), 0, 0, false, 0)), new DeliveredTier(r.Resolution, 0, false, 0));
        var odd = delivered.FirstOrDefault(m => !Matches(r, m));
        var shown = odd ?? delivered[0];
        var shape = new OutputShape(shown.Width, shown.Height, Tier(shown.Width, shown.Height), Math.Round(shown.DurationSeconds, 3),
            Math.Round(shown.Fps, 3), shown.AudioCodec is not null, delivered.Count);
        var tier = new DeliveredTier(
            delivered.Select(m => Tier(m.Width, m.Height)).MinBy(Rank)!,
            Math.Min(r.Duration, (int)Math.Round(delivered.Min(m => m.DurationSeconds), MidpointRounding.AwayFromZero)),
            r.GenerateAudio && delivered.All(m => m.AudioCodec is not null),
            delivered.Count);
        var ok = odd is null && delivered.Count >= r.N;
        return (ok ? null : new OutputComparison(asked, shape), tier);
    }

    public static bool Matches(GenerationRequest r, MediaInfo m) =>
        m.Width == r.Width && m.Height == r.Height
        && Math.Abs(m.DurationSeconds - r.Duration) <= 1.0 / r.Fps + 1e-6
        && Math.Abs(m.Fps - r.Fps) <= r.Fps * FrameRateTolerance
        && (!r.GenerateAudio || m.AudioCodec is not null);

    /// The price tier of a frame by its short side (portrait or landscape): 2160 and up is 4k,
    /// 1080 and up 1080p, anything smaller is billed as the lowest tier, 720p.
    public static string Tier(int width, int height) => Math.Min(width, height) switch
    {
        >= 2160 => "4k",
        >= 1080 => "1080p",
        _ => "720p",
    };

    static int Rank(string tier) => tier switch { "4k" => 2, "1080p" => 1, _ => 0 };
}
