namespace Reelgate.Server.Files;

/// Parses RFC 2397 data URLs carrying base64 image bytes. The declared media type is reported, not trusted.
internal static class DataUrl
{
    private const string Scheme = "data:";

    public static bool IsDataUrl(string value) => value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static DataUrlResult Parse(string value, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (!IsDataUrl(value))
        {
            return DataUrlResult.Fail(ImageErrors.DataUrlMalformed, "Expected a URL starting with 'data:'.");
        }

        var comma = value.IndexOf(',');
        if (comma < 0)
        {
            return DataUrlResult.Fail(ImageErrors.DataUrlMalformed, "Data URL has no ',' before its data.");
        }

        var header = value.AsSpan(Scheme.Length, comma - Scheme.Length);
        var firstParam = header.IndexOf(';');
        var mediaType = (firstParam < 0 ? header : header[..firstParam]).Trim();
        if (!IsMediaType(mediaType))
        {
            return DataUrlResult.Fail(
                ImageErrors.DataUrlMalformed, "Data URL must declare a media type such as image/png.");
        }

        var lastParam = header[(header.LastIndexOf(';') + 1)..].Trim();
        if (firstParam < 0 || !lastParam.Equals("base64", StringComparison.OrdinalIgnoreCase))
        {
            return DataUrlResult.Fail(ImageErrors.DataUrlNotBase64, "Data URL must be base64-encoded (';base64,').");
        }

        var payload = value.AsSpan(comma + 1);
        if (payload.IsEmpty)
        {
            return DataUrlResult.Fail(ImageErrors.DataUrlMalformed, "Data URL contains no data.");
        }

        // URLs cannot contain whitespace, so canonical padded base64 is required and its length gives the exact
        // decoded size; that lets oversized input be refused before any buffer is allocated.
        if (payload.Length % 4 != 0)
        {
            return DataUrlResult.Fail(ImageErrors.DataUrlInvalidBase64, "Data URL payload is not valid base64.");
        }

        var padding = payload.EndsWith("==") ? 2 : payload.EndsWith("=") ? 1 : 0;
        var decodedLength = (long)payload.Length / 4 * 3 - padding;
        if (decodedLength > maxBytes)
        {
            return DataUrlResult.Fail(
                ImageErrors.TooLarge, $"Image is {decodedLength} bytes; the limit is {maxBytes}.");
        }

        var bytes = new byte[decodedLength];
        if (!Convert.TryFromBase64Chars(payload, bytes, out var written) || written != bytes.Length)
        {
            return DataUrlResult.Fail(ImageErrors.DataUrlInvalidBase64, "Data URL payload is not valid base64.");
        }

        return DataUrlResult.Ok(mediaType.ToString().ToLowerInvariant(), bytes);
    }

    private static bool IsMediaType(ReadOnlySpan<char> value)
    {
        var slash = value.IndexOf('/');
        return slash > 0
            && slash < value.Length - 1
            && value[(slash + 1)..].IndexOf('/') < 0
            && !value.ContainsAny(" \t\r\n\"");
    }
}
