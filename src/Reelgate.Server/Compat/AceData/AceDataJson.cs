using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reelgate.Server.Catalog;
using Reelgate.Server.Http;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.AceData;

/// A video of a result: `id` names one output (`{task_id}:{index}`, what get_1080p takes as video_id).
internal sealed record AceDataVideo(string Id, string? VideoUrl, string CreatedAt, string? CompleteAt, string State);

internal sealed record AceDataError(string Code, string Message);

/// The result of `POST /veo/videos` (and the callback body, and a task's `response`).
internal sealed record AceDataResult(bool Success, string TaskId, string TraceId, IReadOnlyList<AceDataVideo> Data)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AceDataError? Error { get; init; }
}

/// The answer of a create with `callback_url`: the result follows by callback.
internal sealed record AceDataAccepted(string TaskId);

/// A task as `POST /veo/tasks` shows it: the request as AceData's fields, and the result.
internal sealed record AceDataTask(string Id, long CreatedAt, AceDataTaskRequest Request, AceDataResult Response);

internal sealed record AceDataTaskRequest(string Action, string Model, string Prompt, string? VideoId, string? CallbackUrl);

internal sealed record AceDataTasks(IReadOnlyList<AceDataTask> Items, int Count);

/// TaskView → AceData's JSON. Pure. Times are UTC, written as AceData prints them
/// ("2025-07-25 16:07:43"); states are AceData's: processing, succeeded, failed.
internal static class AceDataJson
{
    public static AceDataResult Result(TaskView view, TaskLinks links, string traceId)
    {
        var row = view.Row;
        var state = row.Status switch
        {
            TaskStatuses.Completed => "succeeded",
            TaskStatuses.Failed or TaskStatuses.Cancelled => "failed",
            _ => "processing",
        };
        var created = Time(row.CreatedAt)!;
        var completed = Time(row.CompletedAt);
        // n videos → n entries; before there are outputs, each entry says only the state.
        var data = view.Outputs.Count > 0
            ? view.Outputs.Select((o, i) => new AceDataVideo(new VideoRef(row.Id, o.Index).ToString(), links.Outputs[i].Video.Url, created, completed, state))
            : Enumerable.Range(0, view.Request.N).Select(i => new AceDataVideo(new VideoRef(row.Id, i).ToString(), null, created, completed, state));
        return new AceDataResult(state != "failed", row.Id, traceId, [.. data])
        {
            Error = state == "failed" ? new AceDataError(row.ErrorCode ?? "api_error", row.ErrorMessage ?? "The task did not complete.") : null,
        };
    }

    public static AceDataTask Task(TaskView view, TaskLinks links, string traceId)
    {
        var r = view.Request;
        var action = r.UpscaledFrom is not null ? "get_1080p" : r.GenerationType == GenerationTypes.Text ? "text2video" : "image2video";
        var videoId = r.UpscaledFrom is { } f ? new VideoRef(f.VideoId, f.Index).ToString() : null;
        return new AceDataTask(view.Row.Id, view.Row.CreatedAt / 1000, new AceDataTaskRequest(action, r.Model, r.Prompt, videoId, r.CallbackUrl),
            Result(view, links, traceId));
    }

    public static byte[] Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json.Wire);

    static string? Time(long? ms) => ms is { } v
        ? DateTimeOffset.FromUnixTimeMilliseconds(v).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : null;
}
