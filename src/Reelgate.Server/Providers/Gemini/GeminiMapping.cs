using System.Text.Json.Nodes;
using Reelgate.Server.Providers.Veo;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Providers.Gemini;

/// The Gemini API's Veo wire: the request body and the long-running operation. Pure.
internal static class GeminiMapping
{
    public const string Upstream = "Gemini";

    public static JsonObject ToRequest(GenerationRequest r, IReadOnlyList<VeoImage> images, UpstreamModel model) =>
        VeoMapping.ToRequest(r, images, model);

    /// `{"name":"models/…/operations/…"}` → the name, when it is one.
    public static string? OperationName(JsonNode? answer) =>
        VeoMapping.Str(answer?["name"]) is { } name && VeoOperationName.IsValid(name) ? name : null;

    public static PollResult ReadOperation(JsonNode op)
    {
        if (!(op["done"] is JsonValue d && d.TryGetValue<bool>(out var done) && done)) return new PollResult.Pending();
        if (op["error"] is JsonObject error) return VeoMapping.OperationError(error, Upstream);
        var response = op["response"]?["generateVideoResponse"];
        var uris = (response?["generatedSamples"] as JsonArray ?? [])
            .Select(s => VeoMapping.Str(s?["video"]?["uri"])).OfType<string>().ToList();
        // Some samples filtered and some not: the survivors are the result.
        return uris.Count > 0 ? new PollResult.Succeeded(uris, VeoMapping.FilteredCount(response)) : VeoMapping.NoVideo(response, Upstream);
    }
}
