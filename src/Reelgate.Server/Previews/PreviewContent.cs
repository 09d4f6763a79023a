using System.Text;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Links;
using Reelgate.Server.Media.Previews;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Previews;

/// The preview variants of an output, for /content (with the key) and signed links (without):
/// the WebP and the spritesheet with Range and ETag as the master; the WebVTT track written per
/// request, since its cue URLs are signed spritesheet links that expire (absolute, so a player
/// fetching the track from anywhere can follow them without a key).
internal static class PreviewContent
{
    public const string Preview = "preview", Spritesheet = "spritesheet", Vtt = "vtt";

    public static bool Serves(string variant) => variant is Preview or Spritesheet or Vtt;

    /// Services come from the request so /content and /links each call this with one line.
    public static async Task<IResult> ServeAsync(VideoTask task, TaskOutput o, string variant, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        var p = o.Previews;
        if (variant == Vtt)
        {
            if (p is not { HasVtt: true }) return NotAvailable(variant);
            var links = services.GetRequiredService<SignedLinks>();
            var sheet = links.For(task.Id, o.Index, PreviewLinks.SpritesheetFile, links.ExpiresAt(task), TaskJson.Origin(http.Request));
            return TypedResults.Text(ThumbnailsVtt.Write(p.Grid!, sheet.Url), "text/vtt", Encoding.UTF8);
        }
        var (key, type, ext) = variant == Preview ? (p?.PreviewKey, "image/webp", "webp") : (p?.SpritesKey, "image/jpeg", "jpg");
        if (key is null) return NotAvailable(variant);
        return await TaskContent.StreamKeyAsync(task, key, type, $"{task.Id}-{o.Index}-{variant}.{ext}", $"{o.Sha256[..32]}-{variant}",
            services.GetRequiredService<IBlobStore>(), services.GetRequiredService<IOptions<StorageOptions>>().Value, ct);
    }

    static IResult NotAvailable(string variant) => new ApiError(404, "variant_not_available",
        $"This output has no {variant}: it was made before previews existed, or its previews could not be rendered.", "variant").ToResult();
}
