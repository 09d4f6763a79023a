using System.Security.Cryptography;

namespace Reelgate.Server.Http;

/// Ids sort by creation time (48-bit millisecond prefix, then 80 random bits), which makes them
/// usable as list cursors. Within one process they are strictly increasing: an id made in the
/// same millisecond as the last one continues from it.
internal static class Ids
{
    static readonly Lock Gate = new();
    static readonly byte[] Last = new byte[16];

    public static string New(string prefix, TimeProvider clock)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--) { bytes[i] = (byte)ms; ms >>= 8; }
        RandomNumberGenerator.Fill(bytes[6..]);
        lock (Gate)
        {
            if (bytes[..6].SequenceCompareTo(Last.AsSpan(0, 6)) <= 0)
            {
                Last.CopyTo(bytes);
                for (var i = 15; i >= 6 && ++bytes[i] == 0; i--) { }
            }
            bytes.CopyTo(Last);
        }
        return prefix + "_" + Convert.ToHexStringLower(bytes);
    }
}
