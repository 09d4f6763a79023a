using Reelgate.Server.Tasks;

namespace Reelgate.Server.Providers.Routing;

/// One provider that can serve one public model: its upstream model id, what it can do, and what
/// a second of output costs there (dollars; for ordering only, never for billing).
internal sealed record Candidate(
    string Provider, string UpstreamModel, double CostPerSecond, int Order, IReadOnlySet<string> GenerationTypes, int MaxN, bool Audio);

/// Which providers to try for a request, in order. Pure: the registry supplies the candidates
/// and the circuit states.
internal static class Router
{
    /// Those that can do the request (generation type, n, audio), cheapest first, then in the
    /// configured order.
    public static IReadOnlyList<Candidate> Order(GenerationRequest r, IEnumerable<Candidate> candidates) =>
        candidates.Where(c => Fits(c, r) is null).OrderBy(c => c.CostPerSecond).ThenBy(c => c.Order).ToList();

    /// Why a candidate cannot serve the request, or null.
    public static string? Fits(Candidate c, GenerationRequest r) => Unfit(c, r)?.Message;

    /// The request parameter a candidate cannot serve, with why; null when it can.
    public static (string Param, string Message)? Unfit(Candidate c, GenerationRequest r) =>
        !c.GenerationTypes.Contains(r.GenerationType) ? ("generation_type", $"{c.Provider} does not do {r.GenerationType}")
        : r.N > c.MaxN ? ("n", $"{c.Provider} makes at most {c.MaxN} video(s) per task")
        : r.GenerateAudio && !c.Audio ? ("generate_audio", $"{c.Provider} has no audio for {c.UpstreamModel}")
        : null;
}
