using System.Security.Cryptography;
using System.Text;

namespace Reelgate.Server.Webhooks;

/// Standard Webhooks signing (https://www.standardwebhooks.com): the key is the base64 after
/// `whsec_`, the signed content is "{webhook-id}.{webhook-timestamp}.{body}", and the header
/// lists one `v1,<base64 HMAC-SHA256>` per valid secret, separated by spaces. The older style
/// (`X-Reelgate-Signature: sha256=<hex>`) is an HMAC-SHA256 of the body alone, keyed with the
/// secret string as written (`whsec_…`), as most such clients compute it.
internal static class WebhookSignature
{
    public const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] Key(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    public static string Standard(IEnumerable<string> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[head.Length + body.Length];
        head.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(head.Length));
        return string.Join(' ', secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(s), content))));
    }

    public static string Legacy(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// The native headers of a delivery: Standard Webhooks, and the older single-secret header.
    public static IEnumerable<(string Name, string Value)> Headers(IReadOnlyList<string> secrets, string id, long timestamp, byte[] body) =>
    [
        ("webhook-id", id),
        ("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("webhook-signature", Standard(secrets, id, timestamp, body)),
        ("X-Reelgate-Signature", Legacy(secrets[0], body)),
    ];

    /// The secrets that sign now: the current one, and the previous one while its grace lasts.
    public static IReadOnlyList<string> Valid(string current, string? previous, long? previousExpiresAt, long now) =>
        previous is not null && previousExpiresAt > now ? [current, previous] : [current];
}
