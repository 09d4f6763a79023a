using System.Text.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.AceData;

/// A parsed `POST /veo/videos`: a generation draft (text2video, image2video), or the video to
/// deliver at 1080p (get_1080p), and whether the caller waits for the result.
internal sealed record AceDataCreate(GenerationDraft? Draft, VideoRef? Source, bool Waits);

/// A `data[].id`: one output of one task, written `{task_id}:{index}` (a bare task id means output 0).
internal sealed record VideoRef(string TaskId, int Index)
{
    public override string ToString() => $"{TaskId}:{Index}";

    public static VideoRef? Parse(string s)
    {
        var colon = s.LastIndexOf(':');
        if (colon < 0) return s.Length > 0 ? new(s, 0) : null;
        return colon > 0 && int.TryParse(s.AsSpan(colon + 1), out var i) && i >= 0 ? new(s[..colon], i) : null;
    }
}

/// AceData's request fields → the native parser's (RequestParser keeps every rule and message
/// in one place). Pure.
internal static class AceDataRequest
{
    /// AceData's listed default model (`veo2-fast`, the cheapest).
    public const string DefaultModel = "veo2-fast";

    static readonly HashSet<string> Known = ["action", "model", "prompt", "image_urls", "callback_url", "video_id", "aspect_ratio", "resolution", "async"];

    public static (AceDataCreate? Create, ApiError? Error) Parse(RequestFields f)
    {
        if (f.Names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
            return Fail(unknown, "unknown_parameter", $"'{unknown}' is not a parameter of /veo/videos.");
        var action = f.String("action");
        var callback = f.String("callback_url");
        var async = f.Bool("async");
        var videoId = f.String("video_id");
        var images = f.StringList("image_urls");
        if (f.Error is { } typeError) return (null, typeError);
        var waits = callback is null && async != true;
        switch (action)
        {
            case null: return Fail("action", "missing_parameter", "'action' is required: text2video, image2video or get_1080p.");
            case "get_1080p":
                if (videoId is null) return Fail("video_id", "missing_parameter", "get_1080p needs 'video_id', a data[].id of a finished video.");
                return VideoRef.Parse(videoId) is { } source ? (new AceDataCreate(null, source, waits), null)
                    : Fail("video_id", "invalid_parameter", $"'{videoId}' is not a video id (data[].id).");
            case "text2video" or "image2video":
                if (videoId is not null) return Fail("video_id", "unknown_parameter", "'video_id' belongs to get_1080p.");
                if (action == "text2video" && images is { Count: > 0 })
                    return Fail("image_urls", "invalid_image_count", "text2video takes no image_urls; use image2video.");
                if (action == "image2video" && images is not { Count: 1 or 2 })
                    return Fail("image_urls", "invalid_image_count", "image2video takes 'image_urls' with the first frame, or the first and last frames.");
                var (draft, error) = NativeDraft.Parse(Native(f, images), NoRenames);
                return draft is null ? (null, error) : (new AceDataCreate(draft, null, waits), null);
            default:
                return Fail("action", "api_not_implemented", $"Unknown action '{action}': text2video, image2video or get_1080p.");
        }
    }

    /// AceData's field names are the native ones.
    static readonly Dictionary<string, string> NoRenames = [];

    static JsonObject Native(RequestFields f, IReadOnlyList<string>? images)
    {
        var o = new JsonObject { ["model"] = f.String("model") ?? DefaultModel };
        foreach (var name in new[] { "prompt", "aspect_ratio", "resolution", "callback_url" })
            if (f.Raw(name) is { } v) o[name] = JsonNode.Parse(v.GetRawText());
        if (images is { Count: > 0 })
        {
            o["image_urls"] = new JsonArray([.. images.Select(i => JsonValue.Create(i))]);
            o["generation_type"] = images.Count == 2 ? "first_last" : "first_frame";
        }
        return o;
    }

    static (AceDataCreate?, ApiError?) Fail(string param, string code, string message) => (null, new ApiError(400, code, message, param));
}
