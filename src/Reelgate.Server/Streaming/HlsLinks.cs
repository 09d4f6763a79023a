using Reelgate.Server.Data;
using Reelgate.Server.Links;

namespace Reelgate.Server.Streaming;

/// Signed HLS URLs. One signature covers a path prefix, `/hls/{task}/{index}/{expires}/{signature}/`,
/// and every file under it: a player resolves the playlists' relative URIs against the prefix, so
/// each playlist and segment it fetches is signed without rewriting the playlists per request and
/// without a header (hls.js, Safari, ffprobe and a `<video>` element all just follow URLs). The
/// signature is SignedLinks' HMAC over `{task}/{index}/hls/{expires}` with the same key and expiry.
internal sealed class HlsLinks(SignedLinks links)
{
    public const string Scope = "hls";

    /// Where an output's package lives in the blob store.
    public static string Prefix(string taskId, int index) => $"videos/{taskId}/hls/{index}/";

    /// The signed URL of an output's master playlist.
    public string Master(VideoTask row, int index, string origin)
    {
        var expires = links.ExpiresAt(row);
        var signature = links.SignatureOf(row.Id, index, Scope, expires);
        return $"{origin.TrimEnd('/')}/hls/{row.Id}/{index}/{expires}/{signature}/{Media.Hls.HlsPackager.Master}";
    }

    public bool Valid(string taskId, int index, long expires, string signature) => links.Valid(taskId, index, Scope, expires, signature);

    public bool Expired(long expires) => links.Expired(expires);
}
