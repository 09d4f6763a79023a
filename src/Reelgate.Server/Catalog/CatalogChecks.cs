using System.Globalization;
using static Reelgate.Server.Catalog.CatalogFile;

namespace Reelgate.Server.Catalog;

/// What a catalogue file must satisfy beyond its shape, each problem named by its JSON path, so a
/// bad file stops start-up with a message an operator can act on.
internal static class CatalogChecks
{
    static readonly string[] Resolutions = ["720p", "1080p", "4k"];
    static readonly string[] Aspects = ["16:9", "9:16", "1:1"];
    static readonly string[] People = ["allow_all", "allow_adult", "dont_allow"];

    public static (ModelSet? Models, string? Problem) Check(Root root)
    {
        var specs = new List<ModelSpec>();
        var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < root.Models.Count; i++)
        {
            var m = root.Models[i];
            var at = $"$.models[{i}]";
            var names = (m.Aliases ?? []).Select((a, j) => (a, $"{at}.aliases[{j}]")).Prepend((m.Id, $"{at}.id"));
            foreach (var (name, path) in names)
            {
                if (string.IsNullOrWhiteSpace(name) || name.Trim() != name) return Fail(path, "a model name must be non-empty and have no surrounding spaces");
                if (owner.TryGetValue(name, out var other)) return Fail(path, $"'{name}' is already a name of {other}");
                owner[name] = m.Id;
            }
            if (ModelProblem(m, at) is { } problem) return (null, problem);
            var (deprecated, dateError) = Date(m.DeprecatedAt, $"{at}.deprecated_at");
            var (shutdown, shutdownError) = Date(m.ShutdownAt, $"{at}.shutdown_at");
            if ((dateError ?? shutdownError) is { } badDate) return (null, badDate);
            if (shutdown is not null && m.Replacement is null) return Fail($"{at}.replacement", "a model with a shutdown_at needs a replacement to serve its requests");
            if (deprecated > shutdown) return Fail($"{at}.deprecated_at", "is after shutdown_at");
            specs.Add(Spec(m, deprecated, shutdown));
        }
        if (root.Models.Count == 0) return Fail("$.models", "the catalogue lists no model");
        if (!owner.ContainsKey(root.DefaultModel)) return Fail("$.default_model", $"'{root.DefaultModel}' names no model");
        var set = new ModelSet(specs, specs.First(s => s.Id.Equals(owner[root.DefaultModel], StringComparison.OrdinalIgnoreCase)).Id);
        for (var i = 0; i < specs.Count; i++)
            if (ReplacementProblem(set, specs[i]) is { } problem) return Fail($"$.models[{i}].replacement", problem);
        return (set, null);
    }

    static string? ModelProblem(Model m, string at)
    {
        var c = m.Capabilities;
        var caps = $"{at}.capabilities";
        var unknownRule = (c.Rules ?? []).FirstOrDefault(r => !CapabilityRules.ByName.ContainsKey(r));
        (bool Bad, string Path, string Message)[] checks =
        [
            (string.IsNullOrWhiteSpace(m.DisplayName), $"{at}.display_name", "must not be empty"),
            ((m.Upstream ?? []).Any(u => string.IsNullOrWhiteSpace(u.Value)), $"{at}.upstream", "every upstream id must be non-empty"),
            (c.Durations.Length == 0 || c.Durations.Any(d => d is < 1 or > 60), $"{caps}.durations", "must list 1 to 60 second durations"),
            (!c.Durations.Contains(c.DefaultDuration), $"{caps}.default_duration", $"{c.DefaultDuration} is not one of durations"),
            (!Subset(c.Resolutions, Resolutions), $"{caps}.resolutions", $"must list some of {string.Join(", ", Resolutions)}"),
            (!Subset(c.AspectRatios, Aspects), $"{caps}.aspect_ratios", $"must list some of {string.Join(", ", Aspects)}"),
            (!Subset(c.GenerationTypes, GenerationTypes.All), $"{caps}.generation_types", $"must list some of {string.Join(", ", GenerationTypes.All)}"),
            (c.MaxReferenceImages is < 0 or > 8 || c.GenerationTypes.Contains(GenerationTypes.Reference) && c.MaxReferenceImages == 0,
                $"{caps}.max_reference_images", "must be 0 to 8, and at least 1 when generation_types has reference"),
            (c.Fps.Length == 0 || c.Fps.Any(f => f is < 1 or > 60), $"{caps}.fps", "must list frame rates from 1 to 60"),
            (c.MaxN is < 1 or > 4, $"{caps}.max_n", "must be 1 to 4"),
            (!Subset(c.PersonGeneration, People), $"{caps}.person_generation", $"must list some of {string.Join(", ", People)}"),
            (c.AudioDefault == true && !c.Audio, $"{caps}.audio_default", "cannot be true when audio is false"),
            (unknownRule is not null, $"{caps}.rules", $"'{unknownRule}' is not a rule kind; known: {string.Join(", ", CapabilityRules.ByName.Keys)}"),
            (new[] { m.Price.PerSecond, m.Price.AudioPerSecond, m.Price.Uhd4kPerSecond, m.Price.Uhd4kAudioPerSecond }.Any(p => p < 0), $"{at}.price", "rates must not be negative"),
        ];
        return checks.FirstOrDefault(x => x.Bad) is { Bad: true } hit ? $"{hit.Path}: {hit.Message}." : null;
    }

    /// The replacement must be another model, and following replacements must never come back.
    static string? ReplacementProblem(ModelSet set, ModelSpec start)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { start.Id };
        for (var m = start; m.Lifecycle.Replacement is { } next;)
        {
            if (set.Find(next) is not { } found || !found.Id.Equals(next, StringComparison.OrdinalIgnoreCase)) return $"'{next}' is not the id of a model";
            if (!seen.Add(found.Id)) return $"following replacements from {start.Id} comes back to {found.Id}";
            m = found;
        }
        return null;
    }

    static ModelSpec Spec(Model m, DateTimeOffset? deprecated, DateTimeOffset? shutdown)
    {
        var c = m.Capabilities;
        var p = m.Price;
        var audio = p.AudioPerSecond ?? p.PerSecond;
        return new ModelSpec(m.Id, m.DisplayName, m.Aliases ?? [], "local",
            new ModelCapabilities(c.Durations, c.DefaultDuration, c.Resolutions, c.AspectRatios, c.GenerationTypes, c.MaxReferenceImages,
                c.Audio, c.AudioDefault ?? c.Audio, c.Fps, c.MaxN, c.PersonGeneration, [.. (c.Rules ?? []).Select(r => CapabilityRules.ByName[r])]),
            new Dictionary<string, string>(m.Upstream ?? [], StringComparer.OrdinalIgnoreCase),
            new ModelRates(p.PerSecond, audio, p.Uhd4kPerSecond ?? p.PerSecond, p.Uhd4kAudioPerSecond ?? audio),
            m.DeprecatedAt is null && shutdown is null && m.Replacement is null ? ModelLifecycle.Active : new ModelLifecycle(deprecated, shutdown, m.Replacement));
    }

    /// A date ("2026-06-30", midnight UTC) or a time with its offset ("2026-06-30T12:00:00Z").
    static (DateTimeOffset?, string?) Date(string? text, string path) =>
        text is null ? (null, null)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? (t, null)
        : (null, $"{path}: '{text}' is not a date (2026-06-30) or a time (2026-06-30T12:00:00Z).");

    static bool Subset(string[] values, string[] allowed) => values.Length > 0 && values.All(allowed.Contains);

    static (ModelSet?, string?) Fail(string path, string message) => (null, $"{path}: {message}.");
}
