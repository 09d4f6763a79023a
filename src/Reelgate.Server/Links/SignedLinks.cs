using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Links;

/// A download URL that needs no API key: `/links/{task}/{index}/{file}?expires=…&signature=…`,
/// where the signature is an HMAC-SHA256 (LinkKey) of the path and the expiry. Links are issued
/// with an expiry on a 10-minute grid (a tenth of the lifetime, if shorter), so the same task shows
/// the same link for a while and answers stay cacheable; a link lives Links:LifetimeHours less at
/// most one step, and never past the task's own expiry (retention).
internal sealed class SignedLinks(LinkKey key, IOptions<LinksOptions> options, TimeProvider clock)
{
    public const string Video = "video.mp4", Thumbnail = "thumbnail.jpg";

    /// The links of every output of a task; none until it has outputs.
    public TaskLinks Of(TaskView view, string origin)
    {
        var expires = ExpiresAt(view.Row);
        return new TaskLinks(origin, [.. view.Outputs.Select(o => new OutputLinks(
            For(view.Row.Id, o.Index, Video, expires, origin), For(view.Row.Id, o.Index, Thumbnail, expires, origin),
            Previews.PreviewLinks.Of(this, view.Row.Id, o, expires, origin)))]);
    }

    public long ExpiresAt(VideoTask row)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var lifetime = (long)(options.Value.LifetimeHours * 3600);
        // Ten minutes, or a tenth of a short lifetime: a link always has 90 % of its life ahead.
        var step = Math.Max(1, Math.Min(600, lifetime / 10));
        var grid = now - now % step + lifetime;
        return row.ExpiresAt is { } retention ? Math.Min(grid, retention / 1000) : grid;
    }

    public SignedLink For(string taskId, int index, string file, long expires, string origin) =>
        new($"{origin.TrimEnd('/')}/links/{taskId}/{index}/{file}?expires={expires}&signature={Signature(key.Bytes, taskId, index, file, expires)}", expires);

    /// Constant-time: a wrong signature takes as long to refuse whatever its first wrong byte.
    public bool Valid(string taskId, int index, string file, long expires, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Signature(key.Bytes, taskId, index, file, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// The signature of another kind of link under the same key (HLS signs `{task}/{index}/hls/{expires}`).
    public string SignatureOf(string taskId, int index, string scope, long expires) => Signature(key.Bytes, taskId, index, scope, expires);

    public bool Expired(long expires) => clock.GetUtcNow().ToUnixTimeSeconds() >= expires;

    public static string Signature(byte[] key, string taskId, int index, string file, long expires) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{taskId}/{index}/{file}/{expires}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// One link and when it stops working (Unix seconds).
internal sealed record SignedLink(string Url, long ExpiresAt);

internal sealed record OutputLinks(SignedLink Video, SignedLink Thumbnail, Previews.PreviewLinks Previews);

/// What a surface needs to point at a task's files: the request's origin and each output's links.
internal sealed record TaskLinks(string Origin, IReadOnlyList<OutputLinks> Outputs);
