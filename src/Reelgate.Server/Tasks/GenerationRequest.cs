using Reelgate.Server.Catalog;

namespace Reelgate.Server.Tasks;

/// One image as the client named it: an uploaded file id, an https URL, a data URL, or a form part.
internal sealed record ImageInput(string Param, string? FileId = null, string? Url = null, string? DataUrl = null, IFormFile? Upload = null);

/// A create request after parsing, before images are resolved and `auto` is decided.
internal sealed record GenerationDraft(
    ModelSpec Model, string Prompt, string? NegativePrompt, int Duration, string AspectRatio, string Resolution,
    int Fps, string GenerationType, IReadOnlyList<ImageInput> Images, uint? Seed, int N, bool GenerateAudio,
    string? PersonGeneration, string ResizeMode, bool EnhancePrompt, string? CallbackUrl, Dictionary<string, string>? Metadata,
    UpscaleSource? UpscaledFrom = null)
{
    /// The model asked for and the one serving it (ModelCatalog.Choose); null until looked up by name.
    public ModelChoice? ModelChoice { get; init; }

    /// Renditions asked at create; null when none were.
    public Reelgate.Server.Renditions.RenditionAsk? Renditions { get; init; }
    /// The video an `extend` / a `remix` builds on (Tasks/Sequels).
    public Sequels.SequelSource? ExtendedFrom { get; init; }
    public Sequels.SequelSource? RemixedFrom { get; init; }
}

/// The normalized request stored with the task: everything a worker needs, images as file ids.
internal sealed record GenerationRequest(
    string Model, string Prompt, string? NegativePrompt, int Duration, string AspectRatio, string Resolution,
    int Width, int Height, int Fps, string GenerationType, IReadOnlyList<string> ImageFileIds, uint Seed, int N,
    bool GenerateAudio, string? PersonGeneration, string ResizeMode, bool EnhancePrompt, string? CallbackUrl,
    Dictionary<string, string>? Metadata, UpscaleSource? UpscaledFrom = null)
{
    /// What the client was told about the model it asked for (replaced, deprecated); kept in the
    /// request JSON, so tasks from before this field read null.
    public ModelNotice? Notice { get; init; }

    /// Renditions asked at create (Renditions/RenditionAsk): ladder names, `fps_mode`, `hls`.
    /// Absent in requests stored before renditions existed, so all three are optional.
    public IReadOnlyList<string>? Renditions { get; init; }
    public string? FpsMode { get; init; }
    public bool? Hls { get; init; }
    /// The video an `extend` / a `remix` builds on (Tasks/Sequels); null on other tasks and in older request JSON.
    public Sequels.SequelSource? ExtendedFrom { get; init; }
    public Sequels.SequelSource? RemixedFrom { get; init; }
}

/// The output an `upscale` task scales: a task of the same account and the index of its output.
internal sealed record UpscaleSource(string VideoId, int Index);

internal static class VideoSizes
{
    static readonly Dictionary<(string Res, string Aspect), (int W, int H)> Table = new()
    {
        [("720p", "16:9")] = (1280, 720), [("720p", "9:16")] = (720, 1280), [("720p", "1:1")] = (720, 720),
        [("1080p", "16:9")] = (1920, 1080), [("1080p", "9:16")] = (1080, 1920), [("1080p", "1:1")] = (1080, 1080),
        [("4k", "16:9")] = (3840, 2160), [("4k", "9:16")] = (2160, 3840), [("4k", "1:1")] = (2160, 2160),
    };

    public static (int W, int H) For(string resolution, string aspect) => Table[(resolution, aspect)];

    /// OpenAI's `size` ("1280x720") as resolution and aspect ratio.
    public static (string Res, string Aspect)? Parse(string size) =>
        Table.FirstOrDefault(kv => $"{kv.Value.W}x{kv.Value.H}" == size.Trim().ToLowerInvariant()) is { Value.W: > 0 } hit ? hit.Key : null;

    public static IEnumerable<string> All => Table.Values.Select(v => $"{v.W}x{v.H}");
}
