using System.Globalization;
using System.Text.Json.Nodes;
using Reelgate.Server.Providers.Veo;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Providers.Vertex;

/// Vertex AI's Veo wire: the request body, `fetchPredictOperation`, and where results are. Pure.
internal static class VertexMapping
{
    public const string Upstream = "Vertex AI";

    /// A result returned inline: its index in `response.videos` and the operation to fetch it from again.
    const string InlinePrefix = "vertex-inline:";

    public static JsonObject ToRequest(GenerationRequest r, IReadOnlyList<VeoImage> images, UpstreamModel model, string? storageUri) =>
        VeoMapping.ToRequest(r, images, model, storageUri);

    public static string ModelPath(string project, string location, string model) =>
        $"projects/{Uri.EscapeDataString(project)}/locations/{Uri.EscapeDataString(location)}/publishers/google/models/{Uri.EscapeDataString(model)}";

    /// "projects/…/models/M/operations/ID" → "projects/…/models/M", which `fetchPredictOperation` is called on.
    public static string? ModelPathOf(string operation)
    {
        if (!VeoOperationName.IsValid(operation) || !operation.StartsWith("projects/", StringComparison.Ordinal)) return null;
        var at = operation.LastIndexOf("/operations/", StringComparison.Ordinal);
        return operation[..at].Contains("/models/", StringComparison.Ordinal) ? operation[..at] : null;
    }

    public static JsonObject FetchRequest(string operation) => new() { ["operationName"] = operation };

    public static string? OperationName(JsonNode? answer) =>
        VeoMapping.Str(answer?["name"]) is { } name && ModelPathOf(name) is not null ? name : null;

    /// Results are gs:// URIs, or markers for videos that came back inline: those stay in the
    /// operation (the answer can be tens of MB) and are decoded by the download.
    public static PollResult ReadOperation(JsonNode op, string operation)
    {
        if (!(op["done"] is JsonValue d && d.TryGetValue<bool>(out var done) && done)) return new PollResult.Pending();
        if (op["error"] is JsonObject error) return VeoMapping.OperationError(error, Upstream);
        var response = op["response"];
        var results = new List<string>();
        var videos = response?["videos"] as JsonArray ?? [];
        for (var i = 0; i < videos.Count; i++)
        {
            if (VeoMapping.Str(videos[i]?["gcsUri"]) is { } gcs) results.Add(gcs);
            else if (VeoMapping.Str(videos[i]?["bytesBase64Encoded"]) is not null) results.Add(InlineMarker(i, operation));
        }
        return results.Count > 0 ? new PollResult.Succeeded(results, VeoMapping.FilteredCount(response)) : VeoMapping.NoVideo(response, Upstream);
    }

    public static string InlineMarker(int index, string operation) => $"{InlinePrefix}{index.ToString(CultureInfo.InvariantCulture)}:{operation}";

    public static (int Index, string Operation)? ParseInlineMarker(string result)
    {
        if (!result.StartsWith(InlinePrefix, StringComparison.Ordinal)) return null;
        var rest = result[InlinePrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (index, rest[(colon + 1)..]) : null;
    }

    /// The inline video at `index` of a fetched operation, base64 as sent.
    public static string? InlineVideo(JsonNode op, int index) =>
        op["response"]?["videos"] is JsonArray videos && index < videos.Count ? VeoMapping.Str(videos[index]?["bytesBase64Encoded"]) : null;

    /// gs://bucket/a/b.mp4 → {storage}/storage/v1/b/bucket/o/a%2Fb.mp4?alt=media (the JSON API's media download).
    public static string? MediaUrl(string gcsUri, string storageBaseUrl)
    {
        if (!gcsUri.StartsWith("gs://", StringComparison.Ordinal)) return null;
        var path = gcsUri[5..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1) return null;
        return $"{storageBaseUrl.TrimEnd('/')}/storage/v1/b/{Uri.EscapeDataString(path[..slash])}/o/{Uri.EscapeDataString(path[(slash + 1)..])}?alt=media";
    }
}
