using System.Text.Json.Serialization;
using Reelgate.Server.Catalog;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.EvoLink;

/// EvoLink's task object (GET /v1/tasks/{task_id}, the create answer and the callback body).
/// `task_info` also reports what will be delivered (duration, quality, aspect ratio, audio, n)
/// when a documented value was moved to one the model renders.
internal sealed record EvoLinkTask(
    long Created, string Id, string Model, string Object, int Progress, string Status, string Type,
    EvoLinkTaskInfo TaskInfo, EvoLinkUsage Usage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Results,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EvoLinkTaskError? Error);

internal sealed record EvoLinkTaskInfo(
    bool CanCancel, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? EstimatedTime,
    int VideoDuration, string Quality, string AspectRatio, bool GenerateAudio, int N, string GenerationType);

internal sealed record EvoLinkUsage(string BillingRule, decimal CreditsReserved, string UserGroup);

/// A failed task's reason in EvoLink's task error codes; our own code rides along.
internal sealed record EvoLinkTaskError(string Code, string Message, string ReelgateCode);

internal static class EvoLinkTasks
{
    public static EvoLinkTask Of(TaskView view, TaskLinks links)
    {
        var (row, req) = (view.Row, view.Request);
        var ended = TaskStatuses.IsFinished(row.Status);
        var done = row.Status == TaskStatuses.Completed;
        var info = new EvoLinkTaskInfo(!ended, ended ? null : row.EtaSeconds, req.Duration, req.Resolution, req.AspectRatio,
            req.GenerateAudio, req.N, TypeOf(req.GenerationType));
        var usage = new EvoLinkUsage("per_second", Billing.Credits.ToDecimal(row.Credits), "default");
        var error = ended && !done
            ? new EvoLinkTaskError(ErrorCodeOf(row.ErrorCode, row.Status), row.ErrorMessage ?? "The task was cancelled.", row.ErrorCode ?? row.Status)
            : null;
        return new EvoLinkTask(row.CreatedAt / 1000, row.Id, row.Model, "video.generation.task", done ? 100 : row.Progress, StatusOf(row.Status),
            "video", info, usage, done ? [.. links.Outputs.Select(o => o.Video.Url)] : null, error);
    }

    /// pending | processing | completed | failed: EvoLink's task statuses have no `cancelled`; a
    /// cancelled task is failed with error.code `request_cancelled`, as its error codes list.
    public static string StatusOf(string status) => status switch
    {
        TaskStatuses.Queued => "pending",
        TaskStatuses.InProgress => "processing",
        TaskStatuses.Completed => "completed",
        _ => "failed",
    };

    static string TypeOf(string generationType) => generationType switch
    {
        GenerationTypes.Text => EvoLinkRequest.Text,
        GenerationTypes.Reference => EvoLinkRequest.Reference,
        _ => EvoLinkRequest.FirstLast,
    };

    static string ErrorCodeOf(string? code, string status) => code switch
    {
        "content_filtered" or "content_filter" or "content_policy" => "content_policy_violation",
        "render_timeout" or "upstream_timeout" or "deadline_exceeded" => "generation_timeout",
        "provider_rate_limited" => "resource_exhausted",
        "provider_unavailable" => "service_unavailable",
        "unsupported_by_providers" => "invalid_parameters",
        _ when status == TaskStatuses.Cancelled => "request_cancelled",
        _ => "service_error",
    };
}
