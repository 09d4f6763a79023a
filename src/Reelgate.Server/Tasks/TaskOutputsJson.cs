using System.Text.Json;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks;

/// The `outputs` array of a completed task: stored outputs with their download URLs: `url` (needs
/// the key) and `download_url` (signed, needs none, until `expires_at`).
internal static class TaskOutputsJson
{
    static readonly JsonElement NoRenditions = JsonDocument.Parse("[]").RootElement;

    public static byte[] Render(IReadOnlyList<TaskOutput> outputs, string contentBase, Links.TaskLinks links,
        Func<int, JsonElement>? renditions = null)
    {
        return JsonSerializer.SerializeToUtf8Bytes(outputs.Select((o, k) => new
        {
            index = o.Index, seed = o.Seed,
            url = $"{contentBase}?variant=video&index={o.Index}",
            thumbnail_url = $"{contentBase}?variant=thumbnail&index={o.Index}",
            download_url = links.Outputs[k].Video.Url,
            thumbnail_download_url = links.Outputs[k].Thumbnail.Url,
            preview_url = o.Previews?.PreviewKey is null ? null : $"{contentBase}?variant=preview&index={o.Index}",
            spritesheet_url = o.Previews?.SpritesKey is null ? null : $"{contentBase}?variant=spritesheet&index={o.Index}",
            vtt_url = o.Previews is { HasVtt: true } ? $"{contentBase}?variant=vtt&index={o.Index}" : null,
            preview_download_url = links.Outputs[k].Previews.Preview?.Url,
            spritesheet_download_url = links.Outputs[k].Previews.Spritesheet?.Url,
            vtt_download_url = links.Outputs[k].Previews.Vtt?.Url,
            expires_at = links.Outputs[k].Video.ExpiresAt,
            content_type = "video/mp4",
            metadata = new
            {
                duration = o.Duration, width = o.Width, height = o.Height, fps = o.Fps, video_codec = o.VideoCodec,
                audio_codec = o.AudioCodec, bitrate = o.Bitrate, size_bytes = o.SizeBytes, sha256 = o.Sha256,
            },
            renditions = renditions?.Invoke(o.Index) ?? NoRenditions,
        }));
    }
}
