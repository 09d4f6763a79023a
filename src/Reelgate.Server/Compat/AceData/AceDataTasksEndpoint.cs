using Reelgate.Server.Accounts;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.AceData;

/// `POST /veo/tasks`: `{"id"}` (action `retrieve`, the default with an id) → one task;
/// `{"ids":[…]}` (action `retrieve_batch`) → `{"items","count"}`, ids that are not the
/// caller's left out. A `data[].id` works as well as a task id.
internal static class AceDataTasksEndpoint
{
    public const int MaxBatch = 100;

    public static async Task<IResult> HandleAsync(HttpContext http, [AsParameters] AceDataEndpoints.Services s, CancellationToken ct)
    {
        var (f, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (f is null) return readError!.ToResult();
        var id = f.String("id");
        var ids = f.StringList("ids");
        var action = f.String("action") ?? (ids is null ? "retrieve" : "retrieve_batch");
        if (f.Error is { } typeError) return typeError.ToResult();
        var account = Caller.From(http).AccountId;
        var origin = TaskJson.Origin(http.Request);
        switch (action)
        {
            case "retrieve":
                if (id is null) return ApiError.Invalid("id", "retrieve needs 'id', a task_id.", "missing_parameter").ToResult();
                var one = await FindAsync(s, id, account, origin, http.TraceIdentifier, ct);
                return one is null ? ApiError.NotFound("task", id).ToResult() : TaskJson.Answer(AceDataJson.Bytes(one), 200);
            case "retrieve_batch":
                if (ids is null) return ApiError.Invalid("ids", "retrieve_batch needs 'ids', a list of task_id.", "missing_parameter").ToResult();
                if (ids.Count > MaxBatch) return ApiError.Invalid("ids", $"At most {MaxBatch} ids at a time.", "out_of_range").ToResult();
                var items = new List<AceDataTask>();
                foreach (var each in ids.Distinct())
                    if (await FindAsync(s, each, account, origin, http.TraceIdentifier, ct) is { } task) items.Add(task);
                return TaskJson.Answer(AceDataJson.Bytes(new AceDataTasks(items, items.Count)), 200);
            default:
                return ApiError.Invalid("action", $"Unknown action '{action}': retrieve or retrieve_batch.", "api_not_implemented").ToResult();
        }
    }

    static async Task<AceDataTask?> FindAsync(AceDataEndpoints.Services s, string id, string account, string origin, string traceId, CancellationToken ct)
    {
        var taskId = VideoRef.Parse(id)?.TaskId ?? id;
        if (await s.Lookup.FindAsync(taskId, account, ct) is not { } row) return null;
        var view = s.Views.Of(row);
        return AceDataJson.Task(view, s.Links.Of(view, origin), traceId);
    }
}
