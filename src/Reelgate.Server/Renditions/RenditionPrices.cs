using Reelgate.Server.Billing;
using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Renditions;

/// `Billing:Renditions:<name>`: dollars per second of output for each rung. The H.264 rungs up to
/// 1080p are free by default (cheap to encode on the worker's own CPU); VP9 and the 4K rungs cost
/// what their encode time costs. HLS packaging is a stream copy and free.
internal sealed class RenditionPrices
{
    static readonly Dictionary<string, decimal> Defaults = new()
    {
        ["h264_1080p30"] = 0m, ["h264_1080p60"] = 0m, ["h264_720p30"] = 0m,
        ["vp9_1080p30"] = 0.002m, ["hevc_2160p60"] = 0.01m, ["av1_2160p60"] = 0.015m,
    };

    readonly Dictionary<string, long> unitsPerSecond;

    public RenditionPrices(IConfiguration config, decimal creditsPerDollar)
    {
        unitsPerSecond = [];
        foreach (var name in RenditionLadder.Names)
        {
            var dollars = config.GetValue($"Billing:Renditions:{name}", Defaults.GetValueOrDefault(name));
            if (dollars < 0) throw new InvalidOperationException($"Billing:Renditions:{name} must not be negative.");
            unitsPerSecond[name] = Credits.FromDecimal(dollars * creditsPerDollar);
        }
        if (config.GetSection("Billing:Renditions").GetChildren().FirstOrDefault(c => !unitsPerSecond.ContainsKey(c.Key)) is { } unknown)
            throw new InvalidOperationException($"Billing:Renditions:{unknown.Key} names no rendition.");
    }

    /// One rendition of one output of `seconds`, in 1/10,000 credit; the HLS package is free.
    public long Of(string name, int seconds) => unitsPerSecond.GetValueOrDefault(name) * seconds;

    /// The renditions asked at create for one output.
    public long Of(IReadOnlyList<string>? names, int seconds) => names?.Sum(n => Of(n, seconds)) ?? 0;
}
