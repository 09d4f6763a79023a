using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks.Lifecycle;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Tasks;

internal static class TasksEndpoints
{
    public static void MapTasks(this RouteGroupBuilder v1)
    {
        var videos = v1.MapGroup("/videos").WithTags("Videos");
        videos.MapPost("", CreateTask.Handle).WithName("CreateVideo").DisableAntiforgery()
            .Accepts<CreateVideoSchema>("application/json", "multipart/form-data")
            .Produces<VideoObject>(202).Produces<VideoObject>(201).ProducesProblems(400, 402, 403)
            .WithSummary("Queue a text-to-video or image-to-video task; answers 202 with the task at once, or with `Prefer: wait[=s]` 201 with the finished task when it ends within the wait.");
        videos.MapGet("", ListTasks.Handle).WithName("ListVideos").Produces<ListPage<VideoObject>>().ProducesProblems(400)
            .WithSummary("The caller's tasks, newest first, with id cursors.");
        videos.MapGet("/{id}", Get).WithName("GetVideo").Produces<VideoObject>().ProducesProblems(404)
            .WithSummary("The task: status, progress, and its outputs once completed.");
        videos.MapDelete("/{id}", Delete).WithName("DeleteVideo").ProducesEither<VideoObject, DeletedObject>().ProducesProblems(404, 409)
            .WithSummary("Cancel a queued or running task (answers the task, `deleted: false`), or delete a finished one and its files.");
        videos.MapGet("/{id}/content", TaskContent.Handle).WithName("GetVideoContent")
            .Produces(200, typeof(Stream), "video/mp4", "video/quicktime", "video/x-matroska", "video/webm", "image/jpeg", "image/webp", "text/vtt")
            .Produces(206, typeof(Stream), "video/mp4", "video/quicktime", "video/x-matroska", "video/webm", "image/jpeg", "image/webp")
            .ProducesProblems(400, 403, 404, 409, 410)
            .WithSummary("Stream an output (variant=video|thumbnail|preview|spritesheet|vtt, index=N), or one of its renditions (variant=rendition&name=…&index=N), with Range and ETag.");
    }

    static async Task<IResult> Get(string id, HttpContext http, TaskLookup lookup, TaskJson json, CancellationToken ct) =>
        await lookup.FindAsync(id, Caller.From(http).AccountId, ct) is { } task ? json.Result(task, http.Request) : ApiError.NotFound("video", id).ToResult();

    /// Cancels a queued or running task; deletes a finished one with its files.
    static async Task<IResult> Delete(string id, HttpContext http, ReelgateDb db, TaskLookup lookup, TaskLifecycle lifecycle, IBlobStore blobs, RunningRenders running, TaskJson json, CancellationToken ct)
    {
        var account = Caller.From(http).AccountId;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var task = await lookup.FindAsync(id, account, ct);
            if (task is null) return ApiError.NotFound("video", id).ToResult();
            if (TaskStatuses.IsFinished(task.Status))
            {
                if (!await TaskLifecycle.RemoveAsync(db, task, ct)) continue;
                await blobs.DeletePrefixAsync($"videos/{id}/", ct);
                json.Forget(id);
                return TypedResults.Json(new DeletedObject(id, "video.deleted", true));
            }
            if (!await lifecycle.CancelAsync(db, id, task.Status, ct)) continue;
            running.Cancel(id);
            // The task object, so the caller sees `cancelled`; `deleted: false` for clients that
            // expect OpenAI's delete answer (the row stays until deleted once more).
            return json.Result((await lookup.FindAsync(id, account, ct))!, http.Request, deleted: false);
        }
        return new ApiError(409, "conflict", "The task changed while it was being cancelled; try again.", "id").ToResult();
    }
}
