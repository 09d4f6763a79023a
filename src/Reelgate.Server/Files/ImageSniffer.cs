namespace Reelgate.Server.Files;

/// Identifies image formats from their leading bytes; names, extensions and declared types are never trusted.
internal static class ImageSniffer
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";

    /// Bytes needed to recognise every supported format.
    public const int HeaderLength = 12;

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Riff => "RIFF"u8;
    private static ReadOnlySpan<byte> WebpTag => "WEBP"u8;

    public static string? DetectContentType(ReadOnlySpan<byte> header)
    {
        if (IsJpeg(header))
        {
            return Jpeg;
        }

        if (header.StartsWith(PngMagic))
        {
            return Png;
        }

        // RIFF is a generic container (WAV, AVI); only the form type at offset 8 makes it WebP.
        if (header.Length >= HeaderLength && header.StartsWith(Riff) && header[8..12].SequenceEqual(WebpTag))
        {
            return Webp;
        }

        return null;
    }

    public static bool IsJpeg(ReadOnlySpan<byte> header) => header.StartsWith(JpegMagic);

    /// Reads only the file's first bytes.
    public static bool IsJpegFile(string path) => IsJpeg(ReadHeader(path));

    static byte[] ReadHeader(string path)
    {
        var header = new byte[HeaderLength];
        using var file = File.OpenRead(path);
        return header[..file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];
    }

    public static string ExtensionFor(string contentType) => contentType switch
    {
        Jpeg => ".jpg",
        Png => ".png",
        Webp => ".webp",
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not a supported image type."),
    };
}
