using System.Text.Json;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks;

/// The task as clients see it: a superset of OpenAI's Video object with the Veo parameters.
internal static class TaskView
{
    public static object Of(VideoTask t, HttpRequest request)
    {
        var req = JsonSerializer.Deserialize<GenerationRequest>(t.RequestJson, Json.Wire)!;
        var outputs = t.OutputsJson is null ? [] : JsonSerializer.Deserialize<List<TaskOutput>>(t.OutputsJson, Json.Wire)!;
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/v1/videos/{t.Id}/content";
        return new
        {
            id = t.Id, @object = "video", status = t.Status, progress = t.Progress,
            created_at = t.CreatedAt / 1000, completed_at = t.CompletedAt / 1000, expires_at = t.ExpiresAt / 1000,
            started_at = t.StartedAt / 1000,
            model = t.Model, prompt = t.Prompt, seconds = t.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), size = t.Size,
            error = t.ErrorCode is null ? null : new { code = t.ErrorCode, message = t.ErrorMessage },
            remixed_from_video_id = (string?)null,
            provider = t.Provider,
            preview = t.Provider == "local",
            eta_seconds = t.EtaSeconds, attempts = t.Attempts,
            duration = req.Duration, aspect_ratio = req.AspectRatio, resolution = req.Resolution, fps = req.Fps,
            generation_type = req.GenerationType, images = req.ImageFileIds, n = req.N, seed = req.Seed,
            negative_prompt = req.NegativePrompt, generate_audio = req.GenerateAudio, person_generation = req.PersonGeneration,
            resize_mode = req.ResizeMode, enhance_prompt = req.EnhancePrompt, callback_url = req.CallbackUrl, metadata = req.Metadata,
            outputs = outputs.Select(o => new
            {
                index = o.Index, seed = o.Seed,
                url = $"{baseUrl}?variant=video&index={o.Index}",
                thumbnail_url = $"{baseUrl}?variant=thumbnail&index={o.Index}",
                content_type = "video/mp4",
                metadata = new
                {
                    duration = o.Duration, width = o.Width, height = o.Height, fps = o.Fps, video_codec = o.VideoCodec,
                    audio_codec = o.AudioCodec, bitrate = o.Bitrate, size_bytes = o.SizeBytes, sha256 = o.Sha256,
                },
            }),
        };
    }
}
