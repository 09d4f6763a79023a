using Reelgate.Server.Catalog;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;
using static Reelgate.Server.Catalog.GenerationTypes;

namespace Reelgate.Server.Compat.Doitong;

/// A Doitong create request, from either surface (GraphQL `generate(input:)` or REST
/// `POST /v1/text_to_video`). `Names` spells each field as that surface does, for error params.
internal sealed record DoitongRequest(
    string? Type, string? Service, string? Prompt, IReadOnlyList<string> Images, long? Duration, string? AspectRatio,
    string? Version, string? Quality, string? WebhookUrl, DoitongNames Names);

internal sealed record DoitongNames(string Service, string Prompt, string Images, string Duration, string AspectRatio, string Version, string Quality)
{
    public static readonly DoitongNames GraphQL = new("provider", "input.text", "input.image", "options.duration", "options.aspectRatio", "options.version", "options.quality");
    public static readonly DoitongNames Rest = new("service", "prompt", "image", "duration", "aspectRatio", "version", "quality");
}

/// Doitong request → GenerationDraft. Pure. Doitong's defaults: duration 5, 16:9, `veo3`; a
/// duration the model cannot render is moved to the nearest one it can (ties go up), and the
/// answer's `metadata.duration` says what will be delivered.
internal static class DoitongRequests
{
    public const int DefaultDuration = 5;
    public const string DefaultService = "veo3";

    /// The service name the client asked for, echoed as `provider`/`service` whatever model serves
    /// it (a retired one is served by its replacement: metadata.model and metadata.notice say so).
    /// Kept in the task's metadata, which Doitong clients have no other use for.
    public const string ServiceKey = "doitong_service";

    /// Doitong's quality words → our resolutions (their standard/pro tiers; "high" is the 1080p they show).
    static readonly Dictionary<string, string> Qualities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["low"] = "720p", ["medium"] = "720p", ["standard"] = "720p", ["normal"] = "720p", ["sd"] = "720p", ["720p"] = "720p",
        ["high"] = "1080p", ["hd"] = "1080p", ["pro"] = "1080p", ["professional"] = "1080p", ["1080p"] = "1080p",
        ["ultra"] = "4k", ["uhd"] = "4k", ["4k"] = "4k",
    };

    public static (GenerationDraft? Draft, ApiError? Error) ToDraft(DoitongRequest r)
    {
        var n = r.Names;
        if (r.Type is not null && !r.Type.Equals("VIDEO", StringComparison.OrdinalIgnoreCase))
            return Fail("type", "unsupported_value", $"This server generates VIDEO only, not '{r.Type}'.");
        var modelName = r.Version ?? r.Service ?? DefaultService;
        if (ModelCatalog.Choose(modelName) is not { } choice)
            return Fail(r.Version is null ? n.Service : n.Version, "unknown_model", $"Unknown model '{modelName}'. See GET /v1/models for the catalogue and aliases.");
        var model = choice.Served; // a shut-down model's replacement: its capabilities apply, and metadata.model names it
        if (r.Service is not null && ModelCatalog.Find(r.Service) is null)
            return Fail(n.Service, "unknown_model", $"Unknown service '{r.Service}'. See GET /v1/models for the catalogue and aliases.");
        var caps = model.Capabilities;
        if (string.IsNullOrWhiteSpace(r.Prompt)) return Fail(n.Prompt, "missing_parameter", $"'{n.Prompt}' is required and must not be empty.");
        if (PromptLimits.EstimateTokens(r.Prompt) > PromptLimits.MaxTokens)
            return Fail(n.Prompt, "prompt_too_long", $"'{n.Prompt}' is longer than {PromptLimits.MaxTokens} tokens.");
        var aspect = r.AspectRatio ?? "16:9";
        if (!caps.AspectRatios.Contains(aspect))
            return Fail(n.AspectRatio, "unsupported_value", $"{model.Id} supports aspect ratios {string.Join(", ", caps.AspectRatios)}.");
        string? resolution = "720p";
        if (r.Quality is not null && !Qualities.TryGetValue(r.Quality.Trim(), out resolution))
            return Fail(n.Quality, "invalid_enum", "'quality' must be one of: standard, high, ultra (or 720p, 1080p, 4k).");
        if (!caps.Resolutions.Contains(resolution))
            return Fail(n.Quality, "unsupported_value", $"{model.Id} renders {string.Join(", ", caps.Resolutions)}, not {resolution}.");
        var type = r.Images.Count switch { 0 => Text, 1 => FirstFrame, 2 => FirstLast, _ => "" };
        if (!caps.GenerationTypes.Contains(type))
            return Fail(n.Images, "unsupported_value", $"{model.Id} takes {(caps.GenerationTypes.Contains(FirstLast) ? "0 to 2 images" : "0 or 1 image")}, not {r.Images.Count}.");
        var requested = r.Duration ?? DefaultDuration;
        if (requested is < 1 or > 60) return Fail(n.Duration, "out_of_range", $"'{n.Duration}' must be between 1 and 60 seconds.");
        var audio = caps.AudioDefault;
        if (Nearest(model, (int)requested, new RuleInput(0, resolution, aspect, type, r.Images.Count, audio)) is not { } duration)
            return Fail(n.Duration, "unsupported_combination", $"{model.Id} has no duration it can render at {resolution} {aspect} for this input.");
        var images = r.Images.Select((s, i) => RequestParser.ImageFrom(i == 0 ? n.Images : $"{n.Images}[{i}]", s)).ToList();
        return (new GenerationDraft(model, r.Prompt, null, duration, aspect, resolution, 24, type, images, null, 1, audio,
            null, "pad", false, r.WebhookUrl, new() { [ServiceKey] = r.Service ?? r.Version ?? DefaultService })
        { ModelChoice = choice }, null);
    }

    /// The model's duration nearest to the one asked for among those its rules allow for this
    /// input; on a tie the longer one (a client asking for 5 s on a 4/6/8 s model gets 6, not less).
    public static int? Nearest(ModelSpec model, int requested, RuleInput input)
    {
        var allowed = model.Capabilities.Durations
            .Where(d => model.Capabilities.Rules.All(rule => !rule.Applies(input with { Duration = d }) || rule.Holds(input with { Duration = d })))
            .ToList();
        return allowed.Count == 0 ? null : allowed.OrderBy(d => Math.Abs(d - requested)).ThenByDescending(d => d).First();
    }

    static (GenerationDraft?, ApiError?) Fail(string param, string code, string message) => (null, new ApiError(400, code, message, param));
}
