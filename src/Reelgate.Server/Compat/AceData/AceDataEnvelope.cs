using System.Text.Json;
using Reelgate.Server.Http;

namespace Reelgate.Server.Compat.AceData;

/// AceData's error body: `{"success":false,"error":{"code","message"},"trace_id"}`. The codes its
/// documentation lists replace ours where they mean the same (401 invalid_token, 429
/// too_many_requests, 5xx api_error); every other error keeps our stable code and our status
/// (400 for bad input, 402 insufficient_credits, 404 not_found…), since AceData documents none for them.
internal sealed class AceDataEnvelope : ErrorEnvelope
{
    public override void Write(Utf8JsonWriter w, ApiError e, HttpContext http)
    {
        w.WriteStartObject();
        w.WriteBoolean("success", false);
        w.WriteStartObject("error");
        w.WriteString("code", Code(e));
        w.WriteString("message", e.Message);
        w.WriteEndObject();
        w.WriteString("trace_id", http.TraceIdentifier);
        w.WriteEndObject();
    }

    public static string Code(ApiError e) => e.Status switch
    {
        401 => "invalid_token",
        429 => "too_many_requests",
        >= 500 => "api_error",
        _ => e.Code,
    };
}
