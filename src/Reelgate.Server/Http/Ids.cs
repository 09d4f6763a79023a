using System.Security.Cryptography;

namespace Reelgate.Server.Http;

/// Ids sort by creation time (48-bit millisecond prefix), which makes them usable as list cursors.
internal static class Ids
{
    public static string New(string prefix, TimeProvider clock)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--) { bytes[i] = (byte)ms; ms >>= 8; }
        RandomNumberGenerator.Fill(bytes[6..]);
        return prefix + "_" + Convert.ToHexStringLower(bytes);
    }
}
