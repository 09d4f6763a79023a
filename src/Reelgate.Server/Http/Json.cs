using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reelgate.Server.Http;

internal static class Json
{
    /// snake_case on the wire, as the OpenAI and Veo-gateway APIs have it.
    public static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
