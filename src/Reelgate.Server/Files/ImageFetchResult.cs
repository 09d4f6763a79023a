using System.Diagnostics.CodeAnalysis;

namespace Reelgate.Server.Files;

/// Outcome of an image download: sniffed bytes, or an error code from ImageErrors.
internal sealed record ImageFetchResult
{
    public byte[]? Bytes { get; private init; }
    public string? ContentType { get; private init; }
    public string? Error { get; private init; }
    public string? Message { get; private init; }

    [MemberNotNullWhen(true, nameof(Bytes), nameof(ContentType))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Message))]
    public bool IsSuccess => Error is null;

    public static ImageFetchResult Ok(byte[] bytes, string contentType) =>
        new() { Bytes = bytes, ContentType = contentType };

    public static ImageFetchResult Fail(string error, string message) => new() { Error = error, Message = message };
}
