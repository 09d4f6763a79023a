using System.Text.Json.Nodes;
using Reelgate.Server.Catalog;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;
using static Reelgate.Server.Catalog.GenerationTypes;

namespace Reelgate.Server.Compat.EvoLink;

/// EvoLink's `POST /v1/videos/generations` body → GenerationDraft. Pure. EvoLink's own defaults
/// apply (duration 4, quality 720p, aspect auto, audio on, enhance_prompt on). A value outside
/// EvoLink's documented set is refused; a documented value the routed model cannot render as
/// asked is moved to the nearest one it can (4 s at 1080p → 8 s, as EvoLink fixes REFERENCE at
/// 8 s), and the task object reports what will be delivered.
internal static class EvoLinkRequest
{
    public const string Text = "TEXT", FirstLast = "FIRST&LAST", Reference = "REFERENCE";
    static readonly HashSet<string> Known =
    [
        "model", "prompt", "aspect_ratio", "image_urls", "generation_type", "enhance_prompt", "callback_url", "quality",
        "duration", "generate_audio", "n", "negative_prompt", "seed", "person_generation", "resize_mode",
    ];
    static readonly string[] Qualities = ["720p", "1080p", "4k"];
    static readonly int[] Durations = [4, 6, 8];

    public static readonly IReadOnlyDictionary<string, string> ParamNames = new Dictionary<string, string> { ["resolution"] = "quality" };

    public static (GenerationDraft? Draft, ApiError? Error) Parse(RequestFields f)
    {
        if (f.Names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
            return Fail(unknown, "unknown_parameter", $"'{unknown}' is not a parameter of /v1/videos/generations.");
        var modelName = f.String("model") ?? ModelCatalog.DefaultModel;
        var type = f.String("generation_type");
        var quality = f.String("quality")?.Trim().ToLowerInvariant() ?? "720p";
        var duration = f.Long("duration") ?? 4;
        var aspect = f.String("aspect_ratio") ?? "auto";
        var audio = f.Bool("generate_audio") ?? true;
        var images = f.StringList("image_urls") ?? [];
        var enhance = f.Bool("enhance_prompt") ?? true;
        var (prompt, negative, seed, n) = (f.String("prompt"), f.String("negative_prompt"), f.Long("seed"), f.Long("n"));
        var (people, resize, callback) = (f.String("person_generation"), f.String("resize_mode"), f.String("callback_url"));
        if (f.Error is { } typeError) return (null, typeError);

        if (ModelCatalog.Find(modelName) is not { } model)
            return Fail("model", "unknown_model", $"Unknown model '{modelName}'. See GET /v1/models for the catalogue.");
        if (!Qualities.Contains(quality)) return Fail("quality", "invalid_enum", "'quality' must be 720p, 1080p or 4k.");
        if (!Durations.Contains((int)Math.Clamp(duration, 0, 100))) return Fail("duration", "invalid_enum", "'duration' must be 4, 6 or 8.");
        if (aspect is not ("auto" or "16:9" or "9:16")) return Fail("aspect_ratio", "invalid_enum", "'aspect_ratio' must be auto, 16:9 or 9:16.");
        type ??= images.Count switch { 0 => Text, <= 2 => FirstLast, _ => Reference };
        var nativeType = type.ToUpperInvariant() switch
        {
            Text => GenerationTypes.Text,
            FirstLast => images.Count == 1 ? FirstFrame : GenerationTypes.FirstLast,
            Reference => GenerationTypes.Reference,
            _ => null,
        };
        if (nativeType is null) return Fail("generation_type", "invalid_enum", "'generation_type' must be TEXT, FIRST&LAST or REFERENCE.");
        if (type.ToUpperInvariant() == FirstLast && images.Count is < 1 or > 2)
            return Fail("image_urls", "invalid_image_count", $"FIRST&LAST takes 1 or 2 images, not {images.Count}.");

        var caps = model.Capabilities;
        var resolution = Nearest(quality, caps.Resolutions);
        var rules = new RuleInput((int)duration, resolution, aspect == "auto" ? "16:9" : aspect, nativeType, images.Count, audio && caps.Audio);
        var fields = new JsonObject
        {
            ["model"] = model.Id, ["prompt"] = prompt, ["negative_prompt"] = negative,
            ["duration"] = NearestDuration(model, rules), ["resolution"] = resolution, ["aspect_ratio"] = aspect,
            ["generation_type"] = nativeType, ["image_urls"] = new JsonArray([.. images.Select(i => (JsonNode)i)]),
            ["seed"] = seed, ["n"] = n, ["generate_audio"] = audio && caps.Audio,
            ["person_generation"] = people, ["resize_mode"] = resize,
            ["enhance_prompt"] = enhance, ["callback_url"] = callback,
        };
        foreach (var empty in fields.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) fields.Remove(empty);
        return NativeDraft.Parse(fields, ParamNames);
    }

    /// The highest resolution the model has at or below the one asked for (else its lowest).
    static string Nearest(string quality, string[] supported) =>
        supported.Contains(quality) ? quality
        : Qualities.Take(Array.IndexOf(Qualities, quality)).Reverse().FirstOrDefault(supported.Contains) ?? supported[0];

    /// The duration closest to the one asked for (the longer on a tie) that the model renders and
    /// that its duration rules allow with the rest of the request.
    static int NearestDuration(ModelSpec model, RuleInput asked)
    {
        bool Allowed(int d) => model.Capabilities.Rules.Where(r => r.Param == "duration")
            .All(r => !r.Applies(asked with { Duration = d }) || r.Holds(asked with { Duration = d }));
        return model.Capabilities.Durations.OrderBy(d => Math.Abs(d - asked.Duration)).ThenByDescending(d => d)
            .Cast<int?>().FirstOrDefault(d => Allowed(d!.Value)) ?? asked.Duration;
    }

    static (GenerationDraft?, ApiError?) Fail(string param, string code, string message) => (null, new ApiError(400, code, message, param));
}
