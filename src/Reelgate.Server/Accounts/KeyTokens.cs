using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Reelgate.Server.Accounts;

/// API keys are 256-bit random tokens with a visible prefix; only their SHA-256 is stored.
/// A presented key is checked by hashing the whole string, so keys issued in any earlier
/// alphabet keep working.
internal static class KeyTokens
{
    public const string Prefix = "rg_";

    /// The random part is Base64Url (43 characters, no padding): every symbol equally likely.
    public static string NewSecret() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// What may be shown of a key after creation: enough to recognise it, too little to use it.
    public static string Visible(string secret) => secret.Length <= 12 ? secret[..Math.Min(4, secret.Length)] : secret[..11];
}
