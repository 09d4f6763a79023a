using System.Diagnostics.CodeAnalysis;

namespace Reelgate.Server.Files;

/// Outcome of parsing a data URL: the declared media type and decoded bytes, or an error code from ImageErrors.
internal sealed record DataUrlResult
{
    public string? MediaType { get; private init; }
    public byte[]? Bytes { get; private init; }
    public string? Error { get; private init; }
    public string? Message { get; private init; }

    [MemberNotNullWhen(true, nameof(MediaType), nameof(Bytes))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Message))]
    public bool IsSuccess => Error is null;

    public static DataUrlResult Ok(string mediaType, byte[] bytes) => new() { MediaType = mediaType, Bytes = bytes };

    public static DataUrlResult Fail(string error, string message) => new() { Error = error, Message = message };
}
