using System.Text.Json.Serialization;

namespace Reelgate.Server.Tasks;

/// The video (task) object exactly as TaskJson writes it, for the OpenAPI document only: TaskJson
/// writes it by hand for speed. VideoObjectSchemaTests validates real answers against this schema.
internal sealed record VideoObject(
    string Id, string Object, string Status, int Progress, long CreatedAt, long? CompletedAt, long? ExpiresAt, long? StartedAt,
    VideoError? Error, Checks.OutputComparison? Downgrade, string? RemixedFromVideoId, string Provider, bool Preview, int? EtaSeconds, int Attempts,
    IReadOnlyList<ProviderAttempt> ProviderAttempts, decimal Credits, string Billing, bool Sandbox, string Dialect,
    string Model, string Prompt, string Seconds, string Size, int Duration, string AspectRatio, string Resolution, int Fps,
    string GenerationType, IReadOnlyList<string> Images, int N, long Seed, string? NegativePrompt, bool GenerateAudio,
    string? PersonGeneration, string ResizeMode, bool EnhancePrompt, string? CallbackUrl, Dictionary<string, string>? Metadata,
    Catalog.ModelNotice? Notice, UpscaleSource? UpscaledFrom, IReadOnlyList<string> Renditions, string FpsMode, bool Hls, string? ExtendedFromVideoId,
    string? HlsUrl, IReadOnlyList<VideoOutput> Outputs)
{
    /// Only in DELETE's answer when the task was cancelled: false (the row stays until deleted again).
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Deleted { get; init; }
}

/// Why a task failed or was cancelled; `details` only where a code has them (output_mismatch: {asked, delivered}).
internal sealed record VideoError(
    string Code, string? Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Checks.OutputComparison? Details = null);

/// One stored output with its download URLs: `url`/`thumbnail_url` need the API key
/// (GET /v1/videos/{id}/content?variant=&index=); `download_url`/`thumbnail_download_url` are
/// signed links that need none, valid until `expires_at` (Unix seconds). The preview variants
/// (animated WebP, spritesheet, WebVTT thumbnails track) are null when the output has none.
internal sealed record VideoOutput(
    int Index, long Seed, string Url, string ThumbnailUrl, string DownloadUrl, string ThumbnailDownloadUrl,
    string? PreviewUrl, string? SpritesheetUrl, string? VttUrl, string? PreviewDownloadUrl, string? SpritesheetDownloadUrl, string? VttDownloadUrl,
    long ExpiresAt, string ContentType, VideoOutputMetadata Metadata, IReadOnlyList<Renditions.RenditionObject> Renditions);

internal sealed record VideoOutputMetadata(
    double Duration, int Width, int Height, double Fps, string VideoCodec, string? AudioCodec, long Bitrate, long SizeBytes,
    [property: JsonPropertyName("sha256")] string Sha256);
