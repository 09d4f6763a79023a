using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reelgate.Server.Http;

/// Every list answer: {"object":"list","data":[…],"first_id","last_id","has_more"}, OpenAI's
/// cursor-page shape. `last_id` is the `after` of the next page.
internal sealed record ListPage<T>(
    [property: JsonPropertyName("data")] IReadOnlyList<T> Data,
    [property: JsonPropertyName("first_id")] string? FirstId,
    [property: JsonPropertyName("last_id")] string? LastId,
    [property: JsonPropertyName("has_more")] bool HasMore)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string Object => "list";

    /// The same object for items that write themselves (the task JSON is hand-written).
    public void WriteTo(Utf8JsonWriter w, Action<Utf8JsonWriter, T> writeItem)
    {
        w.WriteStartObject();
        w.WriteString("object", Object);
        w.WriteStartArray("data");
        foreach (var item in Data) writeItem(w, item);
        w.WriteEndArray();
        w.WriteString("first_id", FirstId);
        w.WriteString("last_id", LastId);
        w.WriteBoolean("has_more", HasMore);
        w.WriteEndObject();
    }
}
