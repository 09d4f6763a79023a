using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.Veo3o1;

/// Seed 003's success envelope: code 0, a message, the data.
internal sealed record Veo3o1Answer<T>(int Code, string Msg, T Data);

/// The generate answer: the task as queued, with the aspect ratio it will be rendered at.
internal sealed record Veo3o1Created(
    string Uuid, string Status, [property: JsonPropertyName("generationType")] string GenerationType, string Prompt,
    [property: JsonPropertyName("aspectRatio")] string AspectRatio, [property: JsonPropertyName("createdAt")] string CreatedAt);

/// The video-status answer. `videoUrl` is a signed link that needs no key (null until completed);
/// `estimatedTime` is seconds left (null while unknown). A failed task says why. (Names are written
/// out: the API document spells records in snake_case unless told.)
internal sealed record Veo3o1Status(
    string Uuid, string Status, [property: JsonPropertyName("videoUrl")] string? VideoUrl, int Progress,
    [property: JsonPropertyName("estimatedTime")] int? EstimatedTime,
    [property: JsonPropertyName("errorCode"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorCode,
    [property: JsonPropertyName("errorMessage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorMessage);

/// The upload answer: both usable in generate-video (imageKey is our file id).
internal sealed record Veo3o1Upload([property: JsonPropertyName("imageUrl")] string ImageUrl, [property: JsonPropertyName("imageKey")] string ImageKey);

/// The answers as pure functions of the task's view and links.
internal static class Veo3o1Answers
{
    public static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    public static Veo3o1Answer<Veo3o1Created> Created(TaskView view) => new(Veo3o1Envelope.Success, "Success", new(
        view.Row.Id, StatusOf(view.Row.Status), view.Request.ImageFileIds.Count == 0 ? Veo3o1Request.TextToVideo : Veo3o1Request.ImageToVideo,
        view.Request.Prompt, view.Request.AspectRatio, Iso(view.Row.CreatedAt)));

    public static Veo3o1Answer<Veo3o1Status> Status(TaskView view, TaskLinks links)
    {
        var row = view.Row;
        var done = row.Status == TaskStatuses.Completed;
        var ended = TaskStatuses.IsFinished(row.Status);
        return new(Veo3o1Envelope.Success, "Success", new(
            row.Id, StatusOf(row.Status), done && links.Outputs.Count > 0 ? links.Outputs[0].Video.Url : null,
            done ? 100 : row.Progress, ended ? 0 : row.EtaSeconds,
            ended && !done ? row.ErrorCode ?? row.Status : null, ended && !done ? row.ErrorMessage ?? "The task was cancelled." : null));
    }

    /// pending | processing | completed | failed; a cancelled task is a failed one with its reason.
    public static string StatusOf(string status) => status switch
    {
        TaskStatuses.Queued => "pending",
        TaskStatuses.InProgress => "processing",
        TaskStatuses.Completed => "completed",
        _ => "failed",
    };

    static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
