using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Reelgate.Server.Tasks;

/// The create body as the OpenAPI document shows it. The handler reads fields itself (one parser
/// for JSON and multipart, exact errors per field); this record only describes them.
[Http.RequestBodyDoc]
internal sealed record CreateVideoSchema(
    [property: Description("Model id or alias (veo3, veo3-fast, veo3.1, veo3.1-fast, veo3.1-pro, veo2, veo2-fast). Default veo-3.1-fast-generate-preview.")] string? Model,
    [property: Description("What to render; at most 2,000 tokens.")] string Prompt,
    [property: JsonPropertyName("negative_prompt")] string? NegativePrompt,
    [property: Description("Seconds: 4, 6 or 8 (Veo 2: 5–8).")] int? Duration,
    [property: Description("OpenAI spelling of duration, as a string: \"4\", \"6\", \"8\".")] string? Seconds,
    [property: JsonPropertyName("aspect_ratio"), Description("16:9, 9:16, 1:1 or auto.")] string? AspectRatio,
    [property: Description("720p, 1080p or 4k (1080p and 4k need 8 s).")] string? Resolution,
    [property: Description("OpenAI spelling of resolution + aspect ratio, e.g. 1280x720.")] string? Size,
    [property: Description("24, 25, 30 or 60.")] int? Fps,
    [property: JsonPropertyName("generation_type"), Description("text, first_frame, first_last or reference (inferred from the image count when absent).")] string? GenerationType,
    [property: Description("Images: uploaded file ids, https URLs or data URLs (or multipart file parts named images).")] string[]? Images,
    [property: JsonPropertyName("image_urls")] string[]? ImageUrls,
    [property: JsonPropertyName("input_reference"), Description("OpenAI spelling: a multipart file, or {image_url} / {file_id}.")] object? InputReference,
    [property: Description("1–4294967295; the same request and seed render the same bytes.")] long? Seed,
    [property: Description("Number of outputs, 1–4.")] int? N,
    [property: JsonPropertyName("generate_audio")] bool? GenerateAudio,
    [property: JsonPropertyName("person_generation"), Description("allow_all, allow_adult or dont_allow.")] string? PersonGeneration,
    [property: JsonPropertyName("resize_mode"), Description("pad or crop: how images are fitted to the frame.")] string? ResizeMode,
    [property: JsonPropertyName("enhance_prompt")] bool? EnhancePrompt,
    [property: JsonPropertyName("callback_url"), Description("https URL stored with the task.")] string? CallbackUrl,
    [property: Description("Up to 16 string pairs returned with the task.")] Dictionary<string, string>? Metadata);
