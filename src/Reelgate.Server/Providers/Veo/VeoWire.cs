using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reelgate.Server.Providers.Veo;

/// The Veo `predictLongRunning` body as records, one definition for both sides of the wire: our
/// Gemini and Vertex adapters write it to Google, and our Google surface (Compat/Google) reads it
/// from clients of Google's SDK. camelCase, nulls left out, as Google's JSON mapping of protobuf.
internal sealed record VeoPredictBody(IReadOnlyList<VeoInstance>? Instances, VeoParameters? Parameters);

internal sealed record VeoInstance(
    string? Prompt, VeoWireImage? Image = null, VeoWireImage? LastFrame = null, IReadOnlyList<VeoReferenceImage>? ReferenceImages = null,
    VeoWireVideo? Video = null);

/// The video a Veo 3.1 extension continues, as the Gemini API spells it (the SDK's `Video`:
/// `uri` of a generated video, or the bytes as `encodedVideo` with their type in `encoding`).
internal sealed record VeoWireVideo(string? Uri = null, string? EncodedVideo = null, string? Encoding = null);

/// One inline image. `imageBytes` is the SDK type's own name, which some clients send as is.
internal sealed record VeoWireImage(string? BytesBase64Encoded, string? MimeType, string? ImageBytes = null, string? GcsUri = null)
{
    [JsonIgnore] public string? Base64 => BytesBase64Encoded ?? ImageBytes;
}

internal sealed record VeoReferenceImage(VeoWireImage? Image, string? ReferenceType);

internal sealed record VeoParameters(
    int? SampleCount = null, int? DurationSeconds = null, string? AspectRatio = null, string? Resolution = null,
    string? NegativePrompt = null, string? PersonGeneration = null, bool? EnhancePrompt = null, long? Seed = null,
    bool? GenerateAudio = null, string? StorageUri = null, int? Fps = null, string? ResizeMode = null, string? PubsubTopic = null);

internal static class VeoWire
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Google's JSON mapping writes 64-bit integers as strings and accepts either.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
