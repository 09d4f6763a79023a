namespace Reelgate.Server.Http;

/// An expected failure: a stable machine code, a message for people, and the parameter at fault.
/// Extra holds further top-level fields (402's required/available); Headers go on the response
/// (429's Retry-After).
internal sealed record ApiError(int Status, string Code, string Message, string? Param = null)
{
    public IReadOnlyList<KeyValuePair<string, decimal>>? Extra { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    public static ApiError Invalid(string param, string message, string code = "invalid_parameter") =>
        new(400, code, message, param);

    public static ApiError NotFound(string what, string id) =>
        new(404, "not_found", $"No {what} with id '{id}' exists for this account.", "id");

    public IResult ToResult() => Problems.Result(this);
}
