using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Media;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Health;

internal static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Json(new { status = "ok" })).WithName("Health").WithTags("Health");
        app.MapGet("/readyz", Ready).WithName("Ready").WithTags("Health");
    }

    /// Ready when the database answers, FFmpeg runs and the blob store accepts a write.
    static async Task<IResult> Ready(ReelgateDb db, IBlobStore blobs, FfmpegCheck ffmpeg, CancellationToken ct)
    {
        var database = await Check(async () => await db.Database.ExecuteSqlRawAsync("SELECT 1", ct) >= -1);
        var storage = await Check(() => blobs.IsHealthyAsync(ct));
        var media = await Check(() => ffmpeg.IsAvailableAsync(ct));
        var ok = database && storage && media;
        return TypedResults.Json(new
        {
            status = ok ? "ready" : "not_ready",
            checks = new { database = database ? "ok" : "failed", ffmpeg = media ? "ok" : "failed", storage = storage ? "ok" : "failed" },
        }, statusCode: ok ? 200 : 503);
    }

    static async Task<bool> Check(Func<Task<bool>> probe)
    {
        try { return await probe(); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }
}
