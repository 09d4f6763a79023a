using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Providers.Routing;

/// One provider that can serve one public model: its upstream model id, what it can do, and what
/// a second of output costs there (dollars; for ordering only, never for billing).
internal sealed record Candidate(
    string Provider, string UpstreamModel, double CostPerSecond, int Order, IReadOnlySet<string> GenerationTypes, int MaxN, bool Audio, int? OnlyFps = null);

/// Which providers to try for a request, in order. Pure: the registry supplies the candidates
/// and the circuit states.
internal static class Router
{
    /// Can this request be served, and by whom: decided here once, at create (a refusal is the
    /// create's 400) and again when a worker runs the task (a provider configuration that changed
    /// in between fails the task with the same code). No remote candidate means the local engine.
    public static RoutePlan Plan(GenerationRequest r, IReadOnlyList<Candidate> candidates)
    {
        if (candidates.Count == 0) return new([], null);
        var ordered = Order(r, candidates);
        if (ordered.Count > 0) return new(ordered, null);
        var why = candidates.Select(c => Unfit(c, r)!.Value).ToList();
        return new([], new ApiError(400, "unsupported_by_providers",
            $"No configured provider of {r.Model} can do this request: {string.Join("; ", why.Select(w => w.Message))}.", why[0].Param));
    }

    /// Those that can do the request (generation type, n, audio, frame rate), cheapest first, then in the
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
        // Veo renders 24 fps whatever it is asked; another rate would only fail the output check after the render.
        : c.OnlyFps is { } fps && r.Fps != fps && r.UpscaledFrom is null ? ("fps", $"{c.Provider} renders only {fps} fps")
        : Tasks.Sequels.SequelRoutes.Unfit(c, r);
}

/// The router's answer for one request: the providers to try in order, or why none can serve it.
/// Neither means no remote provider serves the model: the local engine renders it.
internal sealed record RoutePlan(IReadOnlyList<Candidate> Ordered, ApiError? Refusal)
{
    public bool Local => Ordered.Count == 0 && Refusal is null;
}
