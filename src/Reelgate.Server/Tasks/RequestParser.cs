using System.Text.Json;
using Reelgate.Server.Catalog;
using Reelgate.Server.Http;
using static Reelgate.Server.Catalog.GenerationTypes;

namespace Reelgate.Server.Tasks;

/// Native and OpenAI spellings of a create request → GenerationDraft. Pure: no I/O.
internal static class RequestParser
{
    static readonly HashSet<string> Known =
    [
        "model", "prompt", "negative_prompt", "duration", "seconds", "aspect_ratio", "resolution", "size", "fps",
        "generation_type", "images", "image_urls", "image", "input_reference", "seed", "n", "generate_audio",
        "person_generation", "resize_mode", "enhance_prompt", "callback_url", "metadata", "images[]",
        "renditions", "fps_mode", "hls", // Renditions/RenditionAsk
        "input_reference[image_url]", "input_reference[file_id]", // how the OpenAI SDK sends {image_url}/{file_id} in a form
    ];

    static readonly Dictionary<string, string> TypeAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = Text, ["text_to_video"] = Text, ["text2video"] = Text,
        ["first_frame"] = FirstFrame, ["image"] = FirstFrame, ["image_to_video"] = FirstFrame, ["image2video"] = FirstFrame,
        ["first_last"] = FirstLast, ["first_last_frame"] = FirstLast, ["first_and_last_frame"] = FirstLast, ["frames"] = FirstLast,
        ["reference"] = Reference, ["reference_to_video"] = Reference, ["references"] = Reference,
    };

    public static (GenerationDraft? Draft, ApiError? Error) Parse(RequestFields f)
    {
        if (f.Names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
            return (null, new ApiError(400, "unknown_parameter", $"'{unknown}' is not a parameter of this endpoint.", unknown));

        var modelName = f.String("model") ?? ModelCatalog.DefaultModel;
        var prompt = f.String("prompt");
        var negative = f.String("negative_prompt");
        var duration = f.Long("duration", allowString: true);
        var seconds = f.Long("seconds", allowString: true);
        var aspect = f.String("aspect_ratio");
        var resolution = f.String("resolution")?.Trim().ToLowerInvariant();
        var size = f.String("size");
        var fps = f.Long("fps", allowString: true);
        var type = f.String("generation_type");
        var seed = f.Long("seed", allowString: true);
        var n = f.Long("n", allowString: true);
        var audio = f.Bool("generate_audio");
        var people = f.String("person_generation");
        var resize = f.String("resize_mode");
        var enhance = f.Bool("enhance_prompt");
        var callback = f.String("callback_url");
        var metadata = f.StringMap("metadata");
        var images = ReadImages(f);
        var (renditions, renditionError) = Renditions.RenditionAsk.Read(f);
        if (renditionError is not null) return (null, renditionError);
        if (f.Error is { } typeError) return (null, typeError);

        if (ModelCatalog.Choose(modelName) is not { } choice)
            return Fail("model", "unknown_model", $"Unknown model '{modelName}'. See GET /v1/models for the catalogue and aliases.");
        var model = choice.Served; // a shut-down model's replacement: its capabilities are the ones that apply
        var caps = model.Capabilities;
        if (string.IsNullOrWhiteSpace(prompt)) return Fail("prompt", "missing_parameter", "'prompt' is required and must not be empty.");
        if (PromptLimits.EstimateTokens(prompt) > PromptLimits.MaxTokens)
            return Fail("prompt", "prompt_too_long", $"'prompt' is longer than {PromptLimits.MaxTokens} tokens.");
        if (negative is not null && PromptLimits.EstimateTokens(negative) > PromptLimits.MaxTokens)
            return Fail("negative_prompt", "prompt_too_long", $"'negative_prompt' is longer than {PromptLimits.MaxTokens} tokens.");

        if (duration is not null && seconds is not null && duration != seconds)
            return Fail("seconds", "conflicting_parameters", "'seconds' and 'duration' disagree; send one of them.");
        var secs = duration ?? seconds ?? caps.DefaultDuration;
        var durationParam = duration is not null ? "duration" : "seconds";
        if (!caps.Durations.Contains((int)Math.Clamp(secs, 0, 1000)))
            return Fail(durationParam, "unsupported_value", $"{model.Id} renders {string.Join(", ", caps.Durations)} seconds, not {secs}.");

        if (size is not null)
        {
            if (VideoSizes.Parse(size) is not { } parsed)
                return Fail("size", "invalid_enum", $"'size' must be one of: {string.Join(", ", VideoSizes.All)}.");
            if (resolution is not null && resolution != parsed.Res)
                return Fail("size", "conflicting_parameters", $"'size' {size} is {parsed.Res}, but 'resolution' is {resolution}.");
            if (aspect is not null && aspect != "auto" && aspect != parsed.Aspect)
                return Fail("size", "conflicting_parameters", $"'size' {size} is {parsed.Aspect}, but 'aspect_ratio' is {aspect}.");
            (resolution, aspect) = parsed;
        }
        resolution ??= "720p";
        aspect ??= "16:9";
        if (!new[] { "720p", "1080p", "4k" }.Contains(resolution))
            return Fail("resolution", "invalid_enum", "'resolution' must be one of: 720p, 1080p, 4k.");
        if (!caps.Resolutions.Contains(resolution))
            return Fail("resolution", "unsupported_value", $"{model.Id} renders {string.Join(", ", caps.Resolutions)}, not {resolution}.");
        if (!new[] { "16:9", "9:16", "1:1", "auto" }.Contains(aspect))
            return Fail("aspect_ratio", "invalid_enum", "'aspect_ratio' must be one of: 16:9, 9:16, 1:1, auto.");
        if (aspect != "auto" && !caps.AspectRatios.Contains(aspect))
            return Fail("aspect_ratio", "unsupported_value", $"{model.Id} supports aspect ratios {string.Join(", ", caps.AspectRatios)}, auto.");

        var frameRate = fps ?? 24;
        if (!caps.Fps.Contains((int)Math.Clamp(frameRate, 0, 1000)))
            return Fail("fps", "unsupported_value", $"'fps' must be one of: {string.Join(", ", caps.Fps)}.");

        string genType;
        if (type is null) genType = images.Count switch { 0 => Text, 1 => FirstFrame, 2 => FirstLast, _ => Reference };
        else if (!TypeAliases.TryGetValue(type.Trim(), out genType!))
            return Fail("generation_type", "invalid_enum", "'generation_type' must be one of: text, first_frame, first_last, reference.");
        if (!caps.GenerationTypes.Contains(genType))
            return Fail("generation_type", "unsupported_value", $"{model.Id} supports generation types {string.Join(", ", caps.GenerationTypes)}.");
        var imageParam = images.FirstOrDefault()?.Param ?? "images";
        var (min, max) = genType switch { Text => (0, 0), FirstFrame => (1, 1), FirstLast => (2, 2), _ => (1, caps.MaxReferenceImages) };
        if (images.Count < min || images.Count > max)
            return Fail(imageParam, "invalid_image_count", genType == Text
                ? "Text-to-video takes no images; set generation_type to first_frame, first_last or reference."
                : $"generation_type '{genType}' takes {(min == max ? $"{min}" : $"{min} to {max}")} image(s), not {images.Count}.");

        if (seed is < 1 or > uint.MaxValue) return Fail("seed", "out_of_range", "'seed' must be between 1 and 4294967295.");
        var count = n ?? 1;
        if (count < 1 || count > caps.MaxN) return Fail("n", "out_of_range", $"'n' must be between 1 and {caps.MaxN}.");
        if (audio == true && !caps.Audio) return Fail("generate_audio", "unsupported_value", $"{model.Id} does not generate audio.");
        if (people is not null && !caps.PersonGeneration.Contains(people))
            return Fail("person_generation", "invalid_enum", $"'person_generation' must be one of: {string.Join(", ", caps.PersonGeneration)}.");
        resize ??= "pad";
        if (resize is not ("pad" or "crop")) return Fail("resize_mode", "invalid_enum", "'resize_mode' must be pad or crop.");
        // callback_url is checked (scheme, length, resolved addresses) by CreateTask with Webhooks.CallbackUrlGuard.
        if (metadata is not null && MetadataError(metadata) is { } metaError) return Fail("metadata", "invalid_metadata", metaError);

        return (new GenerationDraft(model, prompt, negative, (int)secs, aspect, resolution, (int)frameRate, genType, images,
            seed is null ? null : (uint)seed, (int)count, audio ?? caps.AudioDefault, people, resize, enhance ?? false, callback, metadata)
        { ModelChoice = choice, Renditions = renditions }, null);
    }

    /// The rules of the model's capability record, once `auto` is decided.
    public static ApiError? CheckRules(ModelSpec model, RuleInput input) =>
        model.Capabilities.Rules.FirstOrDefault(r => r.Applies(input) && !r.Holds(input)) is { } broken
            ? new ApiError(400, "unsupported_combination", $"{model.Id}: {broken.Description}.", broken.Param)
            : null;

    static List<ImageInput> ReadImages(RequestFields f)
    {
        var list = new List<ImageInput>();
        foreach (var name in new[] { "images", "image_urls", "image", "input_reference", "input_reference[image_url]", "input_reference[file_id]" })
        {
            if (f.Raw(name) is { } raw && raw.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                var items = raw.ValueKind == JsonValueKind.Array ? raw.EnumerateArray().ToList() : [raw];
                foreach (var item in items)
                    if (FromJson(f, name, item) is { } img) list.Add(img); else f.Reject(ApiError.Invalid(name, $"'{name}' entries must be strings (file id, https URL or data URL) or objects with file_id or image_url.", "invalid_type"));
            }
            else if (f.StringList(name) is { } strings)
                list.AddRange(strings.Select(s => name.EndsWith("[file_id]", StringComparison.Ordinal) ? new ImageInput(name, FileId: s) : FromString(name, s)));
        }
        list.AddRange(f.Files("input_reference", "images", "images[]", "image").Select(file => new ImageInput(file.Name, Upload: file)));
        return list;
    }

    static string? TextOf(RequestFields f, string param, JsonElement e) => f.Text(param, e);

    static ImageInput? FromJson(RequestFields f, string param, JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String) return TextOf(f, param, e) is { } text ? FromString(param, text) : null;
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var key in new[] { "file_id", "image_url", "url" })
            if (e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String)
                return TextOf(f, param, v) is not { } text ? null
                    : key == "file_id" ? new ImageInput(param, FileId: text) : FromString(param, text);
        return null;
    }

    /// An image named by a string: a data URL, a URL, or else a file id (dialects read theirs so too).
    public static ImageInput ImageFrom(string param, string s) => FromString(param, s);

    static ImageInput FromString(string param, string s) =>
        s.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? new ImageInput(param, DataUrl: s)
        : s.Contains("://", StringComparison.Ordinal) ? new ImageInput(param, Url: s)
        : new ImageInput(param, FileId: s);


    static string? MetadataError(Dictionary<string, string> m) =>
        m.Count > 16 ? "'metadata' holds at most 16 keys."
        : m.Any(kv => kv.Key.Length is 0 or > 64) ? "'metadata' keys must be 1 to 64 characters."
        : m.Any(kv => kv.Value.Length > 512) ? "'metadata' values must be at most 512 characters."
        : null;

    static (GenerationDraft?, ApiError?) Fail(string param, string code, string message) => (null, new ApiError(400, code, message, param));
}
