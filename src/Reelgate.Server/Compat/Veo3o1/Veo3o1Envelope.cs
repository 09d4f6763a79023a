using System.Text.Json;
using Reelgate.Server.Http;

namespace Reelgate.Server.Compat.Veo3o1;

/// Seed 003's envelope, `{"code","msg","data"}`, for every error of its endpoints (key, rate
/// limit, credits, idempotency and the handlers' own). The seed lists the codes but shows no HTTP
/// statuses, so the status stays the REST one (400, 401, 402, 429, …) and the body's code is the
/// seed's; `data.error` carries our stable code and `data.param` the field at fault.
internal sealed class Veo3o1Envelope : ErrorEnvelope
{
    public const int Success = 0, InvalidParameters = 1000, InsufficientCredits = 1001, Authentication = 1002, RateLimit = 1003, ServerError = 5000;

    public static int CodeOf(ApiError e) => e.Status switch
    {
        401 => Authentication,
        402 => InsufficientCredits,
        429 => RateLimit,
        >= 500 => ServerError,
        // A key that is known but may not do this (role, admin) is an authentication failure too.
        403 when e.Param == "Authorization" => Authentication,
        _ => InvalidParameters,
    };

    public override void Write(Utf8JsonWriter w, ApiError e, HttpContext http)
    {
        w.WriteStartObject();
        w.WriteNumber("code", CodeOf(e));
        w.WriteString("msg", e.Message);
        w.WriteStartObject("data");
        if (e.Status == 402)
        {
            // The seed's 1001 example: {"required": 2, "current": 0}.
            var extra = (e.Extra ?? []).ToDictionary(kv => kv.Key, kv => kv.Value);
            if (extra.TryGetValue("required", out var required)) w.WriteNumber("required", required);
            if (extra.TryGetValue("available", out var current)) w.WriteNumber("current", current);
        }
        w.WriteString("error", e.Code);
        if (e.Param is null) w.WriteNull("param"); else w.WriteString("param", e.Param);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
