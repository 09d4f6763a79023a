using System.Text.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat;

/// A dialect's request spelled as native fields and read by the native parser, so every rule
/// (prompt length, seed range, n, the model's capabilities) lives in RequestParser alone. Errors
/// name the native field; Rename gives them back the dialect's spelling.
internal static class NativeDraft
{
    public static (GenerationDraft? Draft, ApiError? Error) Parse(JsonObject nativeFields, IReadOnlyDictionary<string, string> dialectNames)
    {
        var (draft, error) = RequestParser.Parse(RequestFields.FromJson(JsonSerializer.SerializeToElement(nativeFields)));
        return (draft, error is null ? null : Rename(error, dialectNames));
    }

    /// The error with its param, and the message's quoted name, in the dialect's spelling
    /// (submission errors name native fields too).
    public static ApiError Rename(ApiError error, IReadOnlyDictionary<string, string> dialectNames) =>
        error.Param is { } p && dialectNames.TryGetValue(p, out var name)
            ? error with { Param = name, Message = error.Message.Replace($"'{p}'", $"'{name}'", StringComparison.Ordinal) }
            : error;
}
