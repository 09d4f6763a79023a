using System.Globalization;
using System.Text.Json.Nodes;
using Reelgate.Server.Providers.Upstream;
using Reelgate.Server.Tasks;
using static Reelgate.Server.Providers.Upstream.UpstreamJson;
using static Reelgate.Server.Providers.Upstream.UpstreamText;

namespace Reelgate.Server.Providers.OpenAiCompatible;

/// Requests and answers of the OpenAI `/v1/videos` API, as pure functions.
///
/// The API takes model, prompt, seconds, size and one input_reference image. Our negative
/// prompt, seed, fps, audio switch and person_generation have no field there and are not sent;
/// one upstream job makes one video, so n > 1 is refused before anything is sent.
internal static class OpenAiVideoMapping
{
    /// The multipart text fields of `POST /v1/videos`, in the order they are sent.
    public static IReadOnlyList<(string Name, string Value)> SubmitFields(GenerationRequest r, string upstreamModel) =>
    [
        ("model", upstreamModel),
        ("prompt", r.Prompt),
        ("seconds", r.Duration.ToString(CultureInfo.InvariantCulture)),
        ("size", $"{r.Width}x{r.Height}"),
    ];

    /// Null when the request can be sent; otherwise why not.
    public static string? Refusal(GenerationRequest r) =>
        r.N > 1 ? $"this provider makes one video per upstream job; n must be 1, not {r.N}" : null;

    /// The operation is the video id of the submit answer.
    public static string? ReadVideoId(JsonNode? video) =>
        Str(video.Field("id")) is { Length: > 0 } id ? id : null;

    /// One look at a video object.
    public static PollResult ReadVideo(JsonNode video, string? secret = null)
    {
        var status = Str(video.Field("status"))?.ToLowerInvariant();
        return status switch
        {
            "completed" or "succeeded" => ReadVideoId(video) is { } id
                ? new PollResult.Succeeded([id])
                : new PollResult.Failed("upstream_error", "the upstream reported a finished video without an id"),
            "failed" or "cancelled" or "canceled" or "expired" => ReadFailure(video.Field("error"), status, secret),
            // queued, in_progress, and whatever a gateway says while it works.
            _ => new PollResult.Pending(Progress(video.Field("progress"))),
        };
    }

    /// `{"code","message"}` of a failed video as one of our codes.
    public static PollResult.Failed ReadFailure(JsonNode? error, string? status = "failed", string? secret = null)
    {
        var code = Str(error.Field("code"));
        var message = Clean(Str(error.Field("message")), secret);
        if (IsContentPolicy(code))
            return new PollResult.Failed("content_filtered", message.Length > 0 ? message : "the upstream's content policy blocked this video");
        if (message.Length == 0)
            message = status is "failed" or null ? "the upstream failed to make the video" : $"the upstream video was {status}";
        return new PollResult.Failed("upstream_error", code is null ? message : $"{message} ({code})");
    }

    /// OpenAI says moderation_blocked; gateways say content_policy_violation, content_filter, safety…
    public static bool IsContentPolicy(string? code) =>
        code is not null && (code.Contains("moderation", StringComparison.OrdinalIgnoreCase)
            || code.Contains("content_policy", StringComparison.OrdinalIgnoreCase)
            || code.Contains("content_filter", StringComparison.OrdinalIgnoreCase)
            || code.Contains("safety", StringComparison.OrdinalIgnoreCase));

    /// `{"error":{"message","type","param","code"}}` → a refused submit, key-free.
    public static ProviderException SubmitError(UpstreamAnswer answer, string? secret)
    {
        var detail = Detail(answer, secret);
        var param = Str(answer.Json().Field("error").Field("param"));
        var message = $"the upstream refused the video ({answer.Status})"
            + (detail.Length > 0 ? $": {detail}" : "")
            + (param is null ? "" : $" [param: {param}]");
        return UpstreamHttp.SubmitError(answer.Status, message);
    }

    /// `progress` is 0..100 on the wire, 0..1 for us.
    static double? Progress(JsonNode? progress) =>
        progress is JsonValue v && v.TryGetValue<double>(out var p) ? Math.Clamp(p / 100, 0, 1) : null;
}
