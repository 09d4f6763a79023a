using System.Text.Json;
using Reelgate.Server.Http;

namespace Reelgate.Server.Compat.EvoLink;

/// EvoLink's documented error body, `{"error":{"code","message","type","param"}}`, where `code` is
/// the HTTP status and `type` its category; our stable code rides along as `reelgate_code`.
internal sealed class EvoLinkEnvelope : ErrorEnvelope
{
    public static string TypeOf(int status) => status switch
    {
        401 => "authentication_error",
        402 => "insufficient_quota_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large_error",
        429 => "rate_limit_error",
        502 => "upstream_error",
        503 => "service_unavailable_error",
        >= 500 => "internal_server_error",
        _ => "invalid_request_error",
    };

    public override void Write(Utf8JsonWriter w, ApiError e, HttpContext http)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("code", e.Status);
        w.WriteString("message", e.Message);
        w.WriteString("type", TypeOf(e.Status));
        if (e.Param is null) w.WriteNull("param"); else w.WriteString("param", e.Param);
        w.WriteString("reelgate_code", e.Code);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
