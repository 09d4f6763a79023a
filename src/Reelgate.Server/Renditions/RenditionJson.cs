using System.Text.Json;
using Reelgate.Server.Http;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Renditions;

/// One entry of an output's `renditions[]`: its state, its error, whether it is an upscale, where
/// to get it (`url` needs the key; `download_url` is a signed link, once it is completed) and its
/// probe. The HLS package has no file URL of its own: the task's `hls_url` points at it.
internal sealed record RenditionObject(
    string Name, string Status, VideoError? Error, bool Upscaled, string? Url, string? DownloadUrl, RenditionMetadata? Metadata);

internal static class RenditionJson
{
    /// The `renditions` array of each output index, as JSON (Json.Wire: the OpenAPI document's names).
    public static Func<int, JsonElement> Of(TaskView view, string origin, SignedLinks links, long expires) => index =>
        JsonSerializer.SerializeToElement(view.Renditions.Where(r => r.OutputIndex == index).Select(r => Entry(view.Row.Id, r, origin, links, expires)), Json.Wire);

    static RenditionObject Entry(string taskId, RenditionEntry r, string origin, SignedLinks links, long expires)
    {
        var file = r.Name == RenditionAsk.HlsName ? null : Media.Renditions.RenditionLadder.Find(r.Name)?.FileName;
        var url = file is null ? null : $"{origin}/v1/videos/{taskId}/content?variant=rendition&name={r.Name}&index={r.OutputIndex}";
        var download = file is not null && r.Status == RenditionStatuses.Completed ? links.For(taskId, r.OutputIndex, file, expires, origin).Url : null;
        return new RenditionObject(r.Name, r.Status, r.ErrorCode is null ? null : new VideoError(r.ErrorCode, r.ErrorMessage),
            r.Upscaled, url, download, r.Metadata);
    }
}
