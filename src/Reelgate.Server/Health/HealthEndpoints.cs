using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Media;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Health;

internal static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Json(new Liveness("ok"))).WithName("Health").WithTags("Health").Produces<Liveness>()
            .WithSummary("The process is up.");
        app.MapGet("/readyz", Ready).WithName("Ready").WithTags("Health").Produces<Readiness>().Produces<Readiness>(503)
            .WithSummary("Ready when the database answers, FFmpeg runs and the blob store accepts a write (503 and the failed checks otherwise).");
    }

    /// Ready when the database answers, FFmpeg runs and the blob store accepts a write.
    static async Task<IResult> Ready(ReelgateDb db, IBlobStore blobs, FfmpegCheck ffmpeg, CancellationToken ct)
    {
        var database = await Check(async () => await db.Database.ExecuteSqlRawAsync("SELECT 1", ct) >= -1);
        var storage = await Check(() => blobs.IsHealthyAsync(ct));
        var media = await Check(() => ffmpeg.IsAvailableAsync(ct));
        var ok = database && storage && media;
        static string Word(bool passed) => passed ? "ok" : "failed";
        return TypedResults.Json(new Readiness(ok ? "ready" : "not_ready", new ReadinessChecks(Word(database), Word(media), Word(storage))),
            statusCode: ok ? 200 : 503);
    }

    static async Task<bool> Check(Func<Task<bool>> probe)
    {
        try { return await probe(); }
        catch (Exception e) when (e is not OperationCanceledException) { return false; }
    }
}

internal sealed record Liveness(string Status);

/// `ready` or `not_ready`, and each check: `ok` or `failed`.
internal sealed record Readiness(string Status, ReadinessChecks Checks);

internal sealed record ReadinessChecks(string Database, string Ffmpeg, string Storage);
