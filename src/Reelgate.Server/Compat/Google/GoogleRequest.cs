using System.Text.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Http;
using Reelgate.Server.Providers.Veo;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.Google;

/// A `predictLongRunning` body (VeoWire, the records our own Veo adapters send) → a draft. The
/// body is respelled in native field names and checked by RequestParser, so the Google surface
/// has exactly the native rules and defaults; errors name Google's fields. Pure.
internal static class GoogleRequest
{
    /// Native parameter → the Google field a client sent it as (for error messages).
    static readonly Dictionary<string, string> GoogleNames = new()
    {
        ["model"] = "model", ["prompt"] = "instances[0].prompt", ["negative_prompt"] = "parameters.negativePrompt",
        ["duration"] = "parameters.durationSeconds", ["aspect_ratio"] = "parameters.aspectRatio", ["resolution"] = "parameters.resolution",
        ["fps"] = "parameters.fps", ["seed"] = "parameters.seed", ["n"] = "parameters.sampleCount", ["generate_audio"] = "parameters.generateAudio",
        ["person_generation"] = "parameters.personGeneration", ["resize_mode"] = "parameters.resizeMode",
        ["enhance_prompt"] = "parameters.enhancePrompt", ["images"] = "instances[0].image", ["generation_type"] = "instances[0]",
    };

    public static (GenerationDraft? Draft, ApiError? Error) Parse(JsonElement json, string model)
    {
        VeoPredictBody? body;
        try { body = json.ValueKind == JsonValueKind.Object ? json.Deserialize<VeoPredictBody>(VeoWire.Options) : null; }
        catch (JsonException e) { return Fail("body", "invalid_json", $"The request body does not match predictLongRunning's: {e.Message}"); }
        if (body?.Instances is not [var instance]) return Fail("instances", "invalid_parameter", "'instances' must hold exactly one instance.");
        var p = body.Parameters ?? new VeoParameters();
        if (p.StorageUri is not null) return Fail("parameters.storageUri", "unsupported_parameter", "Results are returned inline or as a download link; 'storageUri' (outputGcsUri) is not supported.");
        if (p.PubsubTopic is not null) return Fail("parameters.pubsubTopic", "unsupported_parameter", "'pubsubTopic' is not supported; poll the operation.");

        var (images, type, imageError) = Images(instance);
        if (imageError is not null) return (null, imageError);
        var native = new JsonObject
        {
            ["model"] = model, ["prompt"] = instance.Prompt, ["negative_prompt"] = p.NegativePrompt, ["duration"] = p.DurationSeconds,
            ["aspect_ratio"] = p.AspectRatio, ["resolution"] = p.Resolution, ["fps"] = p.Fps, ["seed"] = p.Seed, ["n"] = p.SampleCount,
            ["generate_audio"] = p.GenerateAudio, ["person_generation"] = p.PersonGeneration, ["resize_mode"] = p.ResizeMode,
            ["enhance_prompt"] = p.EnhancePrompt, ["generation_type"] = type, ["images"] = images,
        };
        foreach (var unset in native.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) native.Remove(unset);
        return NativeDraft.Parse(native, GoogleNames);
    }

    /// image → first frame, image + lastFrame → first and last, referenceImages → reference.
    static (JsonArray? Images, string Type, ApiError? Error) Images(VeoInstance i)
    {
        if (i.ReferenceImages is { Count: > 0 } refs)
        {
            if (i.Image is not null || i.LastFrame is not null)
                return (null, "", Invalid("instances[0].referenceImages", "'referenceImages' cannot be combined with 'image' or 'lastFrame'."));
            var list = new JsonArray();
            foreach (var (r, n) in refs.Select((r, n) => (r, n)))
                if (DataUrl(r.Image, $"instances[0].referenceImages[{n}].image", out var url) is { } e) return (null, "", e); else list.Add(url);
            return (list, "reference", null);
        }
        if (i.LastFrame is not null && i.Image is null)
            return (null, "", Invalid("instances[0].lastFrame", "'lastFrame' needs 'image' as the first frame."));
        if (i.Image is null) return (null, "text", null);
        var images = new JsonArray();
        if (DataUrl(i.Image, "instances[0].image", out var first) is { } firstError) return (null, "", firstError);
        images.Add(first);
        if (i.LastFrame is null) return (images, "first_frame", null);
        if (DataUrl(i.LastFrame, "instances[0].lastFrame", out var last) is { } lastError) return (null, "", lastError);
        images.Add(last);
        return (images, "first_last", null);
    }

    /// The core reads images as data URLs and sniffs their real type; the declared one is a hint.
    static ApiError? DataUrl(VeoWireImage? image, string param, out string url)
    {
        url = "";
        if (image?.Base64 is not { Length: > 0 } base64)
            return image?.GcsUri is not null
                ? new ApiError(400, "unsupported_parameter", $"'{param}.gcsUri' is not supported; send the image as bytesBase64Encoded.", param)
                : Invalid(param, $"'{param}' needs bytesBase64Encoded (imageBytes) and mimeType.");
        url = $"data:{(string.IsNullOrWhiteSpace(image.MimeType) ? "image/png" : image.MimeType.Trim())};base64,{base64}";
        return null;
    }

    static ApiError Invalid(string param, string message) => new(400, "invalid_parameter", message, param);

    static (GenerationDraft?, ApiError?) Fail(string param, string code, string message) => (null, new ApiError(400, code, message, param));
}
