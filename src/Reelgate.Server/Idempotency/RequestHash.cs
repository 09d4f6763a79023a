using System.Security.Cryptography;
using System.Text;

namespace Reelgate.Server.Idempotency;

/// What "the same request" means for an idempotency key: method, path, query and body. A
/// multipart body is compared without its boundary, which a client's retry may choose anew.
internal static class RequestHash
{
    public static string Of(string method, string pathAndQuery, string? contentType, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method} {pathAndQuery}\n"));
        var boundary = Boundary(contentType);
        if (boundary is null) sha.AppendData(body);
        else
        {
            var marker = Encoding.ASCII.GetBytes(boundary);
            while (body.Length > 0)
            {
                var at = body.IndexOf(marker);
                if (at < 0) { sha.AppendData(body); break; }
                sha.AppendData(body[..at]);
                sha.AppendData("\0boundary\0"u8);
                body = body[(at + marker.Length)..];
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    static string? Boundary(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) return null;
        var i = contentType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (i < 0) return null;
        var b = contentType[(i + 9)..].Split(';')[0].Trim().Trim('"');
        return b.Length == 0 ? null : b;
    }

    /// Printable ASCII, 1 to 255 characters (what Stripe and the IETF draft allow in practice).
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 255 && key.All(c => c is >= ' ' and <= '~');
}
