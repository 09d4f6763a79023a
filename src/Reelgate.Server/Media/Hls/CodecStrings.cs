namespace Reelgate.Server.Media.Hls;

/// RFC 6381 codec strings for a master playlist's CODECS, read from the decoder configuration box
/// in a rendition's init segment (avcC, hvcC, av1C). The box holds exactly the profile, the
/// compatibility/constraint flags and the level the decoder is told, so a player's
/// `MediaSource.isTypeSupported` check sees the truth, not a guess from ffprobe's profile name. Pure.
internal static class CodecStrings
{
    public const string AacLc = "mp4a.40.2";

    /// The video codec string of an init segment, or null when it holds none we know.
    public static string? Video(ReadOnlySpan<byte> init)
    {
        if (Box(init, "avcC"u8, 4) is { } avc)
            // configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication.
            return $"avc1.{avc[1]:x2}{avc[2]:x2}{avc[3]:x2}";
        if (Box(init, "hvcC"u8, 13) is { } hevc)
            return Hevc(hevc);
        if (Box(init, "av1C"u8, 3) is { } av1)
            return Av1(av1);
        return null;
    }

    /// `hvc1.[space]profile.compat(bit-reversed hex).[L|H]level[.constraint bytes, trailing zeros dropped]`.
    static string Hevc(byte[] c)
    {
        var space = (c[1] >> 6) switch { 1 => "A", 2 => "B", 3 => "C", _ => "" };
        var tier = (c[1] & 0x20) != 0 ? "H" : "L";
        var profile = c[1] & 0x1f;
        var compat = (uint)(c[2] << 24 | c[3] << 16 | c[4] << 8 | c[5]);
        uint reversed = 0;
        for (var i = 0; i < 32; i++) reversed |= ((compat >> i) & 1) << (31 - i);
        var constraints = c[6..12].ToList();
        while (constraints.Count > 0 && constraints[^1] == 0) constraints.RemoveAt(constraints.Count - 1);
        var tail = string.Concat(constraints.Select(b => $".{b:X2}"));
        return $"hvc1.{space}{profile}.{reversed:X}.{tier}{c[12]}{tail}";
    }

    /// `av01.profile.levelTier.bitDepth` (the short form the AV1 codecs parameter allows).
    static string Av1(byte[] c)
    {
        var profile = c[1] >> 5;
        var level = c[1] & 0x1f;
        var tier = (c[2] & 0x80) != 0 ? "H" : "M";
        var depth = (c[2] & 0x40) == 0 ? 8 : (c[2] & 0x20) != 0 ? 12 : 10;
        return $"av01.{profile}.{level:D2}{tier}.{depth:D2}";
    }

    /// The payload after a box's four-character type. An init segment is a few hundred bytes, and
    /// these types occur only as the sample entry's configuration box, so a scan is enough.
    static byte[]? Box(ReadOnlySpan<byte> data, ReadOnlySpan<byte> type, int length)
    {
        var at = data.IndexOf(type);
        return at < 4 || at + 4 + length > data.Length ? null : data.Slice(at + 4, length).ToArray();
    }
}
