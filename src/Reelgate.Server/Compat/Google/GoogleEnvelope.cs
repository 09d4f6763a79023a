using System.Globalization;
using System.Text.Json;
using Reelgate.Server.Http;

namespace Reelgate.Server.Compat.Google;

/// Google's error body for both the Gemini API and Vertex AI surfaces:
/// `{"error":{"code":<HTTP status>,"message","status":<google.rpc name>,"details":[ErrorInfo]}}`.
/// Our stable code rides in the ErrorInfo's `reason` (domain `reelgate`), the parameter at fault
/// and 402's amounts in its `metadata`.
internal sealed class GoogleEnvelope : ErrorEnvelope
{
    public override int Status(ApiError e) => Rpc(e.Status).Http;

    public override void Write(Utf8JsonWriter w, ApiError e, HttpContext http)
    {
        var (status, name, _) = Rpc(e.Status);
        w.WriteStartObject();
        w.WriteStartObject("error");
        WriteStatus(w, status, e, name);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// A google.rpc.Status body (an operation's `error` uses the gRPC number as `code`).
    public static void WriteStatus(Utf8JsonWriter w, int code, ApiError e, string name)
    {
        w.WriteNumber("code", code);
        w.WriteString("message", e.Message);
        w.WriteString("status", name);
        w.WriteStartArray("details");
        w.WriteStartObject();
        w.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        w.WriteString("reason", e.Code);
        w.WriteString("domain", "reelgate");
        w.WriteStartObject("metadata");
        if (e.Param is not null) w.WriteString("param", e.Param);
        foreach (var (key, value) in e.Extra ?? []) w.WriteString(key, value.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// Our HTTP status → the one Google documents, its google.rpc.Code name and number. Billing
    /// (402) is FAILED_PRECONDITION with 400, as the Gemini API answers when billing is missing.
    public static (int Http, string Name, int Grpc) Rpc(int status) => status switch
    {
        400 or 413 or 415 or 422 => (400, "INVALID_ARGUMENT", 3),
        401 => (401, "UNAUTHENTICATED", 16),
        402 => (400, "FAILED_PRECONDITION", 9),
        403 => (403, "PERMISSION_DENIED", 7),
        404 or 410 => (404, "NOT_FOUND", 5),
        405 => (405, "UNIMPLEMENTED", 12),
        409 => (409, "ABORTED", 10),
        429 => (429, "RESOURCE_EXHAUSTED", 8),
        499 => (499, "CANCELLED", 1),
        503 => (503, "UNAVAILABLE", 14),
        504 => (504, "DEADLINE_EXCEEDED", 4),
        _ => (500, "INTERNAL", 13),
    };
}
