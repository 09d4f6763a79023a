using Reelgate.Server.Catalog;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks.Submission;

/// From a parsed draft and its resolved images to the request stored with the task. Pure.
internal static class TaskRequests
{
    /// Decides `auto`, checks the model's rules on the final values and fixes the output size.
    public static (GenerationRequest? Request, ApiError? Error) Normalize(GenerationDraft draft, IReadOnlyList<StoredFile> files, uint seed)
    {
        var aspect = draft.AspectRatio == "auto" ? DecideAuto(draft, files) : draft.AspectRatio;
        var input = new RuleInput(draft.Duration, draft.Resolution, aspect, draft.GenerationType, files.Count, draft.GenerateAudio);
        // An upscale or a sequel builds on a video that met the model's rules; an extension's length is its own (Tasks/Sequels).
        if (draft.UpscaledFrom is null && draft.ExtendedFrom is null && draft.RemixedFrom is null && RequestParser.CheckRules(draft.Model, input) is { } broken) return (null, broken);
        var (w, h) = VideoSizes.For(draft.Resolution, aspect);
        return (new GenerationRequest(draft.Model.Id, draft.Prompt, draft.NegativePrompt, draft.Duration, aspect, draft.Resolution,
            w, h, draft.Fps, draft.GenerationType, files.Select(f => f.Id).ToList(), seed, draft.N,
            draft.GenerateAudio, draft.PersonGeneration, draft.ResizeMode, draft.EnhancePrompt, draft.CallbackUrl, draft.Metadata,
            draft.UpscaledFrom)
        {
            Notice = draft.ModelChoice?.Notice,
            Renditions = draft.Renditions?.Names, FpsMode = draft.Renditions?.FpsMode, Hls = draft.Renditions?.Hls,
            ExtendedFrom = draft.ExtendedFrom, RemixedFrom = draft.RemixedFrom,
        }, null);
    }

    /// `auto` follows the first image's orientation; without images (or in reference mode) it is 16:9.
    public static string DecideAuto(GenerationDraft draft, IReadOnlyList<StoredFile> files)
    {
        if (files.Count == 0 || draft.GenerationType == GenerationTypes.Reference) return "16:9";
        var (w, h) = (files[0].Width, files[0].Height);
        var caps = draft.Model.Capabilities.AspectRatios;
        if (h > w * 1.15) return "9:16";
        if (w > h * 1.15 || !caps.Contains("1:1")) return "16:9";
        return "1:1";
    }
}
