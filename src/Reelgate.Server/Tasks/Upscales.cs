using Reelgate.Server.Catalog;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks;

/// A new task that delivers a finished output of another task at 1080p. No provider offers a
/// native 1080p upgrade of a finished video, so the worker scales the stored file with FFmpeg
/// (lanczos; Media/Upscale) and the task says so: `generation_type: "upscale"` and
/// `upscaled_from: {video_id, index}`. Pure: the caller found the source among its own tasks.
internal static class Upscales
{
    /// The name the task shows as its provider: the worker's own FFmpeg, not a model.
    public const string Provider = "ffmpeg";

    public static (GenerationDraft? Draft, ApiError? Error) Draft(TaskView source, int index, string? callbackUrl, string param)
    {
        if (source.Row.Status != TaskStatuses.Completed)
            return (null, new ApiError(400, "video_not_ready", $"Video '{source.Row.Id}' is {source.Row.Status}; only a completed video can be upscaled.", param));
        if (source.Outputs.FirstOrDefault(o => o.Index == index) is not { } output)
            return (null, new ApiError(404, "not_found", $"Video '{source.Row.Id}' has no output {index}.", param));
        if (ModelCatalog.Find(source.Request.Model) is not { } model)
            return (null, new ApiError(400, "unknown_model", $"The model of video '{source.Row.Id}' is no longer offered.", param));
        var r = source.Request;
        // The size follows the source's orientation: 16:9 becomes 1920x1080.
        return (new GenerationDraft(model, r.Prompt, r.NegativePrompt, (int)Math.Round(output.Duration), r.AspectRatio, "1080p",
            r.Fps, GenerationTypes.Upscale, [], output.Seed, 1, output.AudioCodec is not null, r.PersonGeneration, r.ResizeMode,
            false, callbackUrl, null, new UpscaleSource(source.Row.Id, index)), null);
    }
}
