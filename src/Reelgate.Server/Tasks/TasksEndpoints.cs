using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Storage;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Tasks;

internal static class TasksEndpoints
{
    public static void MapTasks(this RouteGroupBuilder v1)
    {
        var videos = v1.MapGroup("/videos").WithTags("Videos");
        videos.MapPost("", CreateTask.Handle).WithName("CreateVideo").DisableAntiforgery()
            .Accepts<CreateVideoSchema>("application/json", "multipart/form-data")
            .WithSummary("Queue a text-to-video or image-to-video task; answers 202 with the task at once.");
        videos.MapGet("", ListTasks.Handle).WithName("ListVideos").WithSummary("The caller's tasks, newest first, with id cursors.");
        videos.MapGet("/{id}", Get).WithName("GetVideo");
        videos.MapDelete("/{id}", Delete).WithName("DeleteVideo").WithSummary("Cancel a queued or running task, or delete a finished one and its files.");
        videos.MapGet("/{id}/content", TaskContent.Handle).WithName("GetVideoContent").WithSummary("Stream an output (variant=video|thumbnail, index=N) with Range and ETag.");
    }

    static async Task<IResult> Get(string id, HttpContext http, TaskLookup lookup, TaskJson json, CancellationToken ct) =>
        await lookup.FindAsync(id, Caller.From(http).AccountId, ct) is { } task ? json.Result(task, http.Request) : ApiError.NotFound("video", id).ToResult();

    /// Cancels a queued or running task; deletes a finished one with its files.
    static async Task<IResult> Delete(string id, HttpContext http, ReelgateDb db, TaskLookup lookup, IBlobStore blobs, RunningRenders running, TaskJson json, Webhooks.Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var account = Caller.From(http).AccountId;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var task = await lookup.FindAsync(id, account, ct);
            if (task is null) return ApiError.NotFound("video", id).ToResult();
            if (TaskStatuses.IsFinished(task.Status))
            {
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    if (await db.Tasks.Where(t => t.Id == id && t.Status == task.Status).ExecuteDeleteAsync(ct) == 0) continue;
                    if (task.OutputBytes > 0)
                        await Billing.StorageUse.AddAsync(db, account, -task.OutputBytes, ct);
                    await tx.CommitAsync(ct);
                }
                await blobs.DeletePrefixAsync($"videos/{id}/", ct);
                json.Forget(id);
                return TypedResults.Json(new { id, @object = "video.deleted", deleted = true });
            }
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await using var cancel = await db.Database.BeginTransactionAsync(ct);
            var won = await db.Tasks.Where(t => t.Id == id && t.Status == task.Status).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, TaskStatuses.Cancelled)
                .SetProperty(t => t.CompletedAt, now)
                .SetProperty(t => t.EtaSeconds, (int?)null)
                .SetProperty(t => t.LeaseOwner, (string?)null)
                .SetProperty(t => t.LeaseExpiresAt, (long?)null)
                .SetProperty(t => t.ErrorCode, "cancelled")
                .SetProperty(t => t.ErrorMessage, "The task was cancelled by the client."), ct);
            if (won == 0) continue;
            await Billing.Settlement.ApplyAsync(db, id, TaskStatuses.Cancelled, "cancelled", 0, now, ct);
            await outbox.TaskEndedAsync(db, id, now, ct);
            await cancel.CommitAsync(ct);
            outbox.Pulse();
            running.Cancel(id);
            // The task object, so the caller sees `cancelled`; `deleted: false` for clients that
            // expect OpenAI's delete answer (the row stays until deleted once more).
            return json.Result((await lookup.FindAsync(id, account, ct))!, http.Request, deleted: false);
        }
        return new ApiError(409, "conflict", "The task changed while it was being cancelled; try again.", "id").ToResult();
    }
}
