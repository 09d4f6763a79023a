using Reelgate.Server.Providers.Routing;

namespace Reelgate.Server.Catalog;

internal static class ModelsEndpoints
{
    public static void MapModels(this RouteGroupBuilder v1)
    {
        var models = v1.MapGroup("/models").WithTags("Models");
        models.MapGet("", (Billing.Pricing pricing, ProviderRegistry registry) =>
            TypedResults.Json(new { @object = "list", data = ModelCatalog.Models.Select(m => View(m, pricing, registry)) })).WithName("ListModels");
        models.MapGet("/{id}", (string id, Billing.Pricing pricing, ProviderRegistry registry) => ModelCatalog.Find(id) is { } m
            ? TypedResults.Json(View(m, pricing, registry))
            : Http.Problems.Result(Http.ApiError.NotFound("model", id))).WithName("GetModel");
    }

    static object View(ModelSpec m, Billing.Pricing pricing, ProviderRegistry registry)
    {
        var candidates = registry.CandidatesFor(m.Id).OrderBy(c => c.CostPerSecond).ThenBy(c => c.Order).ToList();
        var now = registry.Now;
        var providers = candidates.Select(c => new
        {
            name = c.Provider, upstream_model = c.UpstreamModel, cost_per_second = c.CostPerSecond,
            live = registry.Get(c.Provider)!.Breaker.State(now) != CircuitBreaker.Open,
        }).ToList();
        var provider = providers.FirstOrDefault(p => p.live)?.name ?? providers.FirstOrDefault()?.name ?? m.Provider;
        return View(m, pricing, provider, providers);
    }

    static object View(ModelSpec m, Billing.Pricing pricing, string provider, IEnumerable<object> providers) => new
    {
        id = m.Id, @object = "model", created = 0, owned_by = "google", display_name = m.DisplayName,
        aliases = m.Aliases, provider, providers,
        provider_note = provider == "local" ? "served by the built-in local preview engine (procedural FFmpeg renders, not a neural model)" : null,
        capabilities = new
        {
            durations = m.Capabilities.Durations, default_duration = m.Capabilities.DefaultDuration,
            resolutions = m.Capabilities.Resolutions, aspect_ratios = m.Capabilities.AspectRatios.Append("auto"),
            generation_types = m.Capabilities.GenerationTypes, max_reference_images = m.Capabilities.MaxReferenceImages,
            audio = m.Capabilities.Audio, audio_default = m.Capabilities.AudioDefault, fps = m.Capabilities.Fps,
            max_n = m.Capabilities.MaxN, person_generation = m.Capabilities.PersonGeneration,
            rules = m.Capabilities.Rules.Select(r => new { description = r.Description, param = r.Param }),
        },
        pricing = Price(pricing, pricing.For(m.Id)),
    };

    /// Per second of output, in dollars and in credits; a task costs rate × seconds × n.
    static object Price(Billing.Pricing pricing, Billing.ModelPrice p) => new
    {
        unit = "second", credits_per_dollar = pricing.CreditsPerDollar,
        usd = new { standard = p.PerSecond, audio = p.AudioPerSecond, uhd_4k = p.FourKPerSecond, uhd_4k_audio = p.FourKAudioPerSecond },
        credits = new
        {
            standard = Billing.Credits.ToDecimal(pricing.PerSecondUnits(p.PerSecond)), audio = Billing.Credits.ToDecimal(pricing.PerSecondUnits(p.AudioPerSecond)),
            uhd_4k = Billing.Credits.ToDecimal(pricing.PerSecondUnits(p.FourKPerSecond)), uhd_4k_audio = Billing.Credits.ToDecimal(pricing.PerSecondUnits(p.FourKAudioPerSecond)),
        },
    };
}
