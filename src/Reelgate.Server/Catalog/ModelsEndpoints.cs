using Reelgate.Server.Http;
using Reelgate.Server.Providers.Routing;

namespace Reelgate.Server.Catalog;

internal static class ModelsEndpoints
{
    public static void MapModels(this RouteGroupBuilder v1)
    {
        var models = v1.MapGroup("/models").WithTags("Models");
        models.MapGet("", (Billing.Pricing pricing, ProviderRegistry registry) =>
            TypedResults.Json(new ListPage<ModelObject>(ModelCatalog.Models.Select(m => View(m, pricing, registry)).ToList(), null, null, false)))
            .WithName("ListModels").Produces<ListPage<ModelObject>>();
        models.MapGet("/{id}", (string id, Billing.Pricing pricing, ProviderRegistry registry) => ModelCatalog.Find(id) is { } m
            ? TypedResults.Json(View(m, pricing, registry))
            : Http.Problems.Result(Http.ApiError.NotFound("model", id))).WithName("GetModel").Produces<ModelObject>().ProducesProblems(404);
    }

    static ModelObject View(ModelSpec m, Billing.Pricing pricing, ProviderRegistry registry)
    {
        var candidates = registry.CandidatesFor(m.Id).OrderBy(c => c.CostPerSecond).ThenBy(c => c.Order).ToList();
        var now = registry.Now;
        var providers = candidates.Select(c => new ModelProviderView(
            c.Provider, c.UpstreamModel, c.CostPerSecond, registry.Get(c.Provider)!.Breaker.State(now) != CircuitBreaker.Open)).ToList();
        var provider = providers.FirstOrDefault(p => p.Live)?.Name ?? providers.FirstOrDefault()?.Name ?? m.Provider;
        var caps = m.Capabilities;
        return new ModelObject(m.Id, "model", 0, "google", m.DisplayName, m.Aliases, provider, providers,
            provider == "local" ? "served by the built-in local preview engine (procedural FFmpeg renders, not a neural model)" : null,
            new ModelCapabilitiesView(caps.Durations, caps.DefaultDuration, caps.Resolutions, [.. caps.AspectRatios, "auto"], caps.GenerationTypes,
                caps.MaxReferenceImages, caps.Audio, caps.AudioDefault, caps.Fps, caps.MaxN, caps.PersonGeneration,
                caps.Rules.Select(r => new CapabilityRuleView(r.Description, r.Param)).ToList()),
            Price(pricing, pricing.For(m.Id)), m.Upstream,
            m.Lifecycle.DeprecatedAt?.ToUnixTimeSeconds(), m.Lifecycle.ShutdownAt?.ToUnixTimeSeconds(), m.Lifecycle.Replacement);
    }

    static ModelPricing Price(Billing.Pricing pricing, Billing.ModelPrice p)
    {
        decimal Credits(decimal dollars) => Billing.Credits.ToDecimal(pricing.PerSecondUnits(dollars));
        return new ModelPricing("second", pricing.CreditsPerDollar,
            new PriceRates(p.PerSecond, p.AudioPerSecond, p.FourKPerSecond, p.FourKAudioPerSecond),
            new PriceRates(Credits(p.PerSecond), Credits(p.AudioPerSecond), Credits(p.FourKPerSecond), Credits(p.FourKAudioPerSecond)));
    }
}
