using Reelgate.Server.Http;

namespace Reelgate.Server.Renditions;

/// Renditions of a task's outputs: asked at create (made by the task's worker) or later
/// (POST /v1/videos/{id}/renditions, made by the RenditionWorker from the `renditions` queue).
internal static class RenditionsSetup
{
    public static IServiceCollection AddRenditions(this IServiceCollection services, IConfiguration config, bool workerRole)
    {
        services.AddSingleton<RenditionMaker>();
        services.AddSingleton<CreateTimeRenditions>();
        services.AddSingleton<RenditionSignal>();
        services.AddSingleton<RenditionWorker>();
        if (Worker.WorkerSetup.Runs(config, workerRole)) services.AddHostedService(sp => sp.GetRequiredService<RenditionWorker>());
        return services;
    }

    public static void MapRenditions(this RouteGroupBuilder v1)
    {
        v1.MapPost("/videos/{id}/renditions", RenditionRequests.Handle).WithTags("Videos").WithName("CreateVideoRenditions").DisableAntiforgery()
            .Accepts<RenditionRequestSchema>("application/json", "multipart/form-data")
            .Produces<Tasks.VideoObject>(202).ProducesProblems(400, 402, 404, 409, 410)
            .WithSummary("Queue renditions (and an HLS package) of a completed task's outputs; each entry of `outputs[].renditions` shows its own state.");
    }
}

/// The body of POST /v1/videos/{id}/renditions as the OpenAPI document shows it.
[Http.RequestBodyDoc]
internal sealed record RenditionRequestSchema(
    [property: System.ComponentModel.Description("Ladder names: h264_1080p30, h264_1080p60, h264_720p30, hevc_2160p60, av1_2160p60, vp9_1080p30.")] string[]? Renditions,
    [property: System.Text.Json.Serialization.JsonPropertyName("fps_mode"), System.ComponentModel.Description("duplicate (default) or interpolate.")] string? FpsMode,
    [property: System.ComponentModel.Description("Package the MP4 rungs as HLS (adds h264_720p30 and h264_1080p30 when none is asked).")] bool? Hls,
    [property: System.ComponentModel.Description("One output's index; every output when absent.")] int? Index);
