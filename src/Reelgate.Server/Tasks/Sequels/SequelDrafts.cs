using Reelgate.Server.Catalog;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks.Sequels;

/// A new task built on a finished video of the caller's: `extend` continues it by `seconds` (the
/// output is the whole video, parent plus continuation, at the parent's size), `remix` renders it
/// again with a new prompt (the parent's length, size and settings). Pure: the caller found the
/// parent among its own tasks; who can serve the draft is Router.Plan's decision (SequelRoutes).
internal static class SequelDrafts
{
    /// The added seconds an extension may ask for: Veo 3.1 adds 7, the local engine 4 to 8;
    /// a provider that adds a fixed length refuses the others when the task is routed.
    public const int MinSeconds = 4, MaxSeconds = 8, DefaultSeconds = 7;

    public static (GenerationDraft? Draft, ApiError? Error) Extend(TaskView parent, string? prompt, long? seconds, string? callbackUrl)
    {
        var added = seconds ?? DefaultSeconds;
        if (added is < MinSeconds or > MaxSeconds)
            return (null, ApiError.Invalid("seconds", $"'seconds' is the length to add: {MinSeconds} to {MaxSeconds} (Veo 3.1 adds 7), not {added}.", "unsupported_value"));
        var (model, output, error) = Check(parent, prompt);
        if (error is not null) return (null, error);
        var source = new SequelSource(parent.Row.Id, parent.Row.Provider, parent.Row.UpstreamOperation, output!.Duration, (int)added);
        return (Draft(parent, model!, prompt!, (int)Math.Round(output.Duration + added), SequelTypes.Extend, callbackUrl, output.AudioCodec is not null)
            with
        { ExtendedFrom = source }, null);
    }

    public static (GenerationDraft? Draft, ApiError? Error) Remix(TaskView parent, string? prompt, string? callbackUrl)
    {
        var (model, output, error) = Check(parent, prompt);
        if (error is not null) return (null, error);
        var source = new SequelSource(parent.Row.Id, parent.Row.Provider, parent.Row.UpstreamOperation, output!.Duration);
        return (Draft(parent, model!, prompt!, parent.Request.Duration, SequelTypes.Remix, callbackUrl, parent.Request.GenerateAudio)
            with
        { RemixedFrom = source }, null);
    }

    /// 409 until the parent completed, 410 once retention removed its files.
    static (ModelSpec? Model, TaskOutput? Output, ApiError? Error) Check(TaskView parent, string? prompt)
    {
        var id = parent.Row.Id;
        if (string.IsNullOrWhiteSpace(prompt))
            return (null, null, ApiError.Invalid("prompt", "'prompt' is required and must not be empty.", "missing_parameter"));
        if (PromptLimits.EstimateTokens(prompt) > PromptLimits.MaxTokens)
            return (null, null, ApiError.Invalid("prompt", $"'prompt' is longer than {PromptLimits.MaxTokens} tokens.", "prompt_too_long"));
        if (parent.Row.Status == TaskStatuses.Completed && parent.Row.OutputsJson is null)
            return (null, null, new ApiError(410, "content_expired", $"The content of video '{id}' is no longer stored.", "id"));
        if (parent.Row.Status != TaskStatuses.Completed || parent.Outputs.Count == 0)
            return (null, null, new ApiError(409, "video_not_ready", $"Video '{id}' is {parent.Row.Status}; only a completed video can be extended or remixed.", "id"));
        if (ModelCatalog.Find(parent.Request.Model) is not { } model)
            return (null, null, new ApiError(400, "unknown_model", $"The model of video '{id}' is no longer offered.", "id"));
        return (model, parent.Outputs[0], null);
    }

    static GenerationDraft Draft(TaskView parent, ModelSpec model, string prompt, int duration, string type, string? callbackUrl, bool audio)
    {
        var r = parent.Request;
        return new GenerationDraft(model, prompt, r.NegativePrompt, duration, r.AspectRatio, r.Resolution, r.Fps, type, [], null, 1,
            audio, r.PersonGeneration, r.ResizeMode, false, callbackUrl, r.Metadata);
    }
}
