using System.Text.Json.Serialization;

namespace Reelgate.Server.Http;

/// The problem+json body every error has, as Problems.WriteAsync writes it: documentation only.
internal sealed record ProblemBody(
    string Type, string Title, int Status, string Detail, string Code, string Message, string? Param, string TraceId, ProblemError Error)
{
    /// 402 insufficient_credits only: credits the request needs and the account has.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? Required { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? Available { get; init; }
}

/// The OpenAI-style envelope inside a problem, for SDKs that read error.message.
internal sealed record ProblemError(string Code, string Message, string? Param, string Type);

/// Deleting (or revoking) an object answers with its id, its kind and what happened.
internal sealed record DeletedObject(string Id, string Object, bool Deleted);

