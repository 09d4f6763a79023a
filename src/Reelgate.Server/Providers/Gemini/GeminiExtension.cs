using System.Text.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Providers.Veo;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Providers.Gemini;

/// A Veo 3.1 extension on the Gemini API (Tasks/Sequels routes only 720p parents of `veo-3.1*`
/// models here): the parent in `instances[0].video`, sent as its bytes (`encodedVideo` +
/// `encoding`, as @google/genai serializes `videoBytes`) because we keep the video and Google's
/// file URI expires after two days. Veo adds 7 s and answers with the whole video; the
/// parameters are the ones Google allows for an extension: one sample, 720p, `durationSeconds` 8.
internal static class GeminiExtension
{
    public const string Resolution = "720p";
    public const int DurationSeconds = 8;

    public static JsonObject ToRequest(GenerationRequest r, byte[] parentMp4, UpstreamModel model)
    {
        var instance = new VeoInstance(r.Prompt, Video: new VeoWireVideo(EncodedVideo: Convert.ToBase64String(parentMp4), Encoding: "video/mp4"));
        var parameters = new VeoParameters(
            SampleCount: 1, DurationSeconds: DurationSeconds, AspectRatio: r.AspectRatio, Resolution: Resolution,
            NegativePrompt: string.IsNullOrWhiteSpace(r.NegativePrompt) ? null : r.NegativePrompt,
            PersonGeneration: r.PersonGeneration, Seed: r.Seed, GenerateAudio: model.SupportsAudio ? r.GenerateAudio : null);
        return JsonSerializer.SerializeToNode(new VeoPredictBody([instance], parameters), VeoWire.Options)!.AsObject();
    }
}
