namespace Reelgate.Server.Catalog;

internal static class ModelsEndpoints
{
    public static void MapModels(this RouteGroupBuilder v1)
    {
        var models = v1.MapGroup("/models").WithTags("Models");
        models.MapGet("", () => TypedResults.Json(new { @object = "list", data = ModelCatalog.Models.Select(View) })).WithName("ListModels");
        models.MapGet("/{id}", (string id) => ModelCatalog.Find(id) is { } m
            ? TypedResults.Json(View(m))
            : Http.Problems.Result(Http.ApiError.NotFound("model", id))).WithName("GetModel");
    }

    static object View(ModelSpec m) => new
    {
        id = m.Id, @object = "model", created = 0, owned_by = "google", display_name = m.DisplayName,
        aliases = m.Aliases, provider = m.Provider,
        provider_note = m.Provider == "local" ? "served by the built-in local preview engine (procedural FFmpeg renders, not a neural model)" : null,
        capabilities = new
        {
            durations = m.Capabilities.Durations, default_duration = m.Capabilities.DefaultDuration,
            resolutions = m.Capabilities.Resolutions, aspect_ratios = m.Capabilities.AspectRatios.Append("auto"),
            generation_types = m.Capabilities.GenerationTypes, max_reference_images = m.Capabilities.MaxReferenceImages,
            audio = m.Capabilities.Audio, audio_default = m.Capabilities.AudioDefault, fps = m.Capabilities.Fps,
            max_n = m.Capabilities.MaxN, person_generation = m.Capabilities.PersonGeneration,
            rules = m.Capabilities.Rules.Select(r => new { description = r.Description, param = r.Param }),
        },
    };
}
