using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reelgate.Server.Catalog;

/// The catalogue file (models.json) as written: read strictly (an unknown or missing field, a
/// null where a value belongs, is an error naming its JSON path), then checked by CatalogChecks.
internal static class CatalogFile
{
    static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// The catalogue in `path`, or a message naming the file and the field at fault.
    public static (ModelSet? Models, string? Problem) Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"The model catalogue '{path}' (Catalog:Path) cannot be read: {e.Message}");
        }
        var (models, problem) = Parse(text);
        return (models, problem is null ? null : $"The model catalogue '{path}' is not valid: {problem}");
    }

    public static (ModelSet? Models, string? Problem) Parse(string json)
    {
        Root? root;
        try { root = JsonSerializer.Deserialize<Root>(json, Strict); }
        catch (JsonException e) { return (null, Describe(e)); }
        return root is null ? (null, "the file holds null, not a catalogue") : CatalogChecks.Check(root);
    }

    /// The serializer's message, with the JSON path where it leaves it out (a missing field) and
    /// without our type names, which mean nothing to an operator.
    static string Describe(JsonException e)
    {
        var message = e.Message.Replace(typeof(CatalogFile).FullName + "+", "", StringComparison.Ordinal);
        return e.Path is { } path && !message.Contains("Path:", StringComparison.Ordinal) ? $"{path}: {message}" : message;
    }

    internal sealed record Root(string DefaultModel, IReadOnlyList<Model> Models);

    internal sealed record Model(
        string Id, string DisplayName, Capabilities Capabilities, Rates Price, string[]? Aliases = null,
        Dictionary<string, string>? Upstream = null, string? DeprecatedAt = null, string? ShutdownAt = null, string? Replacement = null);

    internal sealed record Capabilities(
        int[] Durations, int DefaultDuration, string[] Resolutions, string[] AspectRatios, string[] GenerationTypes,
        int MaxReferenceImages, bool Audio, int[] Fps, int MaxN, string[] PersonGeneration, bool? AudioDefault = null, string[]? Rules = null);

    /// Dollars per second; a missing 4K rate is the HD one, a missing audio rate the silent one.
    internal sealed record Rates(
        decimal PerSecond, decimal? AudioPerSecond = null,
        [property: JsonPropertyName("uhd_4k_per_second")] decimal? Uhd4kPerSecond = null,
        [property: JsonPropertyName("uhd_4k_audio_per_second")] decimal? Uhd4kAudioPerSecond = null);
}
