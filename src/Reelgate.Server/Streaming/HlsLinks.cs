using Reelgate.Server.Links;
using Reelgate.Server.Renditions;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Streaming;

/// Signed HLS URLs. One signature covers a path prefix, `/hls/{task}/{index}/{expires}/{signature}/`,
/// and every file under it: a player resolves the playlists' relative URIs against the prefix, so
/// each playlist and segment it fetches is signed without rewriting the playlists per request and
/// without a header (hls.js, Safari, ffprobe and a `<video>` element all just follow URLs). The
/// signature is SignedLinks' HMAC over `{task}/{index}/hls/{expires}` with the same key and expiry.
internal static class HlsLinks
{
    public const string Scope = "hls";

    /// The signed URL of output `index`'s master playlist once its HLS package is completed, else null.
    public static string? MasterUrl(TaskView view, int index, string origin, SignedLinks links)
    {
        if (!view.Renditions.Any(r => r.OutputIndex == index && r.Name == RenditionAsk.HlsName && r.Status == RenditionStatuses.Completed))
            return null;
        var expires = links.ExpiresAt(view.Row);
        var signature = links.SignatureOf(view.Row.Id, index, Scope, expires);
        return $"{origin.TrimEnd('/')}/hls/{view.Row.Id}/{index}/{expires}/{signature}/{Media.Hls.HlsPackager.Master}";
    }
}
