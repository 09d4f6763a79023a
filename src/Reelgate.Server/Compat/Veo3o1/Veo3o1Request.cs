using System.Text.Json.Nodes;
using Reelgate.Server.Catalog;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.Veo3o1;

/// Seed 003's generate body → GenerationDraft. Pure. The seed names no model, duration or
/// resolution, so the catalogue's default model renders at its own defaults (8 s, 720p, audio).
internal static class Veo3o1Request
{
    public const string TextToVideo = "text_to_video", ImageToVideo = "image_to_video";
    static readonly HashSet<string> Known = ["generationType", "prompt", "aspectRatio", "imageUrl", "imageKey"];

    public static (GenerationDraft? Draft, ApiError? Error) Parse(RequestFields f, string origin)
    {
        if (f.Names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
            return Fail(unknown, "unknown_parameter", $"'{unknown}' is not a parameter of generate-video.");
        var type = f.String("generationType");
        var prompt = f.String("prompt");
        var aspect = f.String("aspectRatio");
        var url = NonEmpty(f.String("imageUrl"));
        var key = NonEmpty(f.String("imageKey"));
        if (f.Error is { } typeError) return (null, typeError);
        if (type is null) return Fail("generationType", "missing_parameter", "'generationType' is required: text_to_video or image_to_video.");
        if (type is not (TextToVideo or ImageToVideo))
            return Fail("generationType", "invalid_enum", "'generationType' must be text_to_video or image_to_video.");
        if (aspect is not (null or "auto" or "16:9" or "9:16")) return Fail("aspectRatio", "invalid_enum", "'aspectRatio' must be auto, 16:9 or 9:16.");

        ImageInput? image = null;
        if (type == ImageToVideo)
        {
            // imageKey names an upload exactly; imageUrl is fetched unless it is our own upload's URL.
            if (key is not null) image = new ImageInput("imageKey", FileId: key);
            else if (url is not null) image = UploadedFileId(url, origin) is { } id ? new ImageInput("imageUrl", FileId: id) : new ImageInput("imageUrl", Url: url);
            else return Fail("imageUrl", "missing_parameter", "'imageUrl' (or 'imageKey') is required when generationType is image_to_video.");
        }
        else if (url is not null || key is not null)
            return Fail(url is not null ? "imageUrl" : "imageKey", "invalid_image_count", "text_to_video takes no image; set generationType to image_to_video.");

        var fields = new JsonObject
        {
            ["model"] = ModelCatalog.DefaultModel,
            ["prompt"] = prompt,
            ["aspect_ratio"] = aspect ?? "auto",
            ["generation_type"] = image is null ? GenerationTypes.Text : GenerationTypes.FirstFrame,
        };
        // The native parser counts images against the type; the real input (with its own param) replaces this one.
        if (image is not null) fields["images"] = new JsonArray(new JsonObject { ["file_id"] = "counted-only" });
        var (draft, error) = NativeDraft.Parse(fields, ParamNames(image?.Param));
        return draft is null ? (null, error) : (draft with { Images = image is null ? [] : [image] }, null);
    }

    /// The native field names in this dialect's spelling, for errors of the parse and of the submission.
    public static IReadOnlyDictionary<string, string> ParamNames(string? imageParam) => new Dictionary<string, string>
    {
        ["aspect_ratio"] = "aspectRatio", ["generation_type"] = "generationType", ["images"] = imageParam ?? "imageUrl",
    };

    /// The file id when `url` is the imageUrl upload-video-image answered (this server's file content URL).
    public static string? UploadedFileId(string url, string origin)
    {
        var prefix = $"{origin.TrimEnd('/')}/v1/files/";
        if (!url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !url.EndsWith("/content", StringComparison.Ordinal)) return null;
        var id = url[prefix.Length..^"/content".Length];
        return id.Length > 0 && !id.Contains('/') ? id : null;
    }

    public static string FileUrl(string fileId, string origin) => $"{origin.TrimEnd('/')}/v1/files/{fileId}/content";

    static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    static (GenerationDraft?, ApiError?) Fail(string param, string code, string message) => (null, new ApiError(400, code, message, param));
}
