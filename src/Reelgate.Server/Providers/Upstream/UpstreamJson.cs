using System.Text.Json.Nodes;

namespace Reelgate.Server.Providers.Upstream;

/// Reading upstream JSON without trusting its shape: JsonNode's own indexer throws when a member
/// the documentation promises as an object arrives as a string or an array.
internal static class UpstreamJson
{
    /// A member of an object, or null when the node is missing or not an object.
    public static JsonNode? Field(this JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    /// A string value, or null for anything else (a number, an object, a missing node).
    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
