using System.Text.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Catalog;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Providers.Veo;

/// The Veo `predictLongRunning` body, the same on the Gemini API and on Vertex AI, and the
/// google.rpc.Status → our error codes. Pure: no I/O.
internal static class VeoMapping
{
    public const string ContentFiltered = "content_filtered";

    public static JsonObject ToRequest(GenerationRequest r, IReadOnlyList<VeoImage> images, UpstreamModel model, string? storageUri = null)
    {
        var instance = r.GenerationType switch
        {
            GenerationTypes.FirstFrame when images.Count >= 1 => new VeoInstance(r.Prompt, Image: Image(images[0])),
            GenerationTypes.FirstLast when images.Count >= 2 => new VeoInstance(r.Prompt, Image: Image(images[0]), LastFrame: Image(images[1])),
            GenerationTypes.Reference when images.Count >= 1 => new VeoInstance(r.Prompt,
                ReferenceImages: [.. images.Select(i => new VeoReferenceImage(Image(i), "asset"))]),
            _ => new VeoInstance(r.Prompt),
        };
        var parameters = new VeoParameters(
            SampleCount: r.N, DurationSeconds: r.Duration, AspectRatio: r.AspectRatio, Resolution: r.Resolution,
            NegativePrompt: string.IsNullOrWhiteSpace(r.NegativePrompt) ? null : r.NegativePrompt,
            PersonGeneration: r.PersonGeneration, EnhancePrompt: r.EnhancePrompt, Seed: r.Seed,
            // Models without audio reject the field outright, even when false.
            GenerateAudio: model.SupportsAudio ? r.GenerateAudio : null,
            StorageUri: string.IsNullOrWhiteSpace(storageUri) ? null : storageUri);
        return JsonSerializer.SerializeToNode(new VeoPredictBody([instance], parameters), VeoWire.Options)!.AsObject();
    }

    static VeoWireImage Image(VeoImage i) => new(i.Base64, i.MimeType);

    /// An operation's `error` (google.rpc.Status: a gRPC `code`, a `message`, sometimes a
    /// `status` name) as a failure with one of our codes.
    public static PollResult.Failed OperationError(JsonNode error, string upstream)
    {
        var status = Str(error["status"]);
        var code = error["code"] is JsonValue v && v.TryGetValue<int>(out var c) ? c : 0;
        var ours = status is not null ? CodeForStatus(status) : CodeForGrpc(code);
        var message = Str(error["message"]) ?? "no message";
        return new PollResult.Failed(ours, $"{upstream} failed the operation ({status ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture)}): {message}");
    }

    /// A done operation with no video: the safety filters' reasons when the upstream gave them.
    public static PollResult.Failed NoVideo(JsonNode? response, string upstream)
    {
        var count = FilteredCount(response);
        var reasons = (response?["raiMediaFilteredReasons"] as JsonArray)?.Select(Str).OfType<string>().ToList() ?? [];
        if (count > 0 || reasons.Count > 0)
            return new PollResult.Failed(ContentFiltered, reasons.Count > 0
                ? string.Join(" ", reasons)
                : $"{upstream}'s safety filters removed {count} video(s) and gave no reason.");
        return new PollResult.Failed("upstream_error", $"{upstream} finished the operation without a video.");
    }

    /// How many samples the safety filters removed (`raiMediaFilteredCount`), 0 when not said.
    public static int FilteredCount(JsonNode? response) =>
        response?["raiMediaFilteredCount"] is JsonValue v && v.TryGetValue<int>(out var n) ? Math.Max(n, 0) : 0;

    static string CodeForStatus(string status) => status switch
    {
        "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => "invalid_request",
        "PERMISSION_DENIED" or "UNAUTHENTICATED" => "provider_auth_failed",
        "RESOURCE_EXHAUSTED" => "provider_rate_limited",
        _ => "upstream_error",
    };

    /// google.rpc.Code numbers; an HTTP status in the same field is read as one.
    static string CodeForGrpc(int code) => code switch
    {
        3 or 9 or 11 or 400 => "invalid_request",
        7 or 16 or 401 or 403 => "provider_auth_failed",
        8 or 429 => "provider_rate_limited",
        _ => "upstream_error",
    };

    internal static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
