namespace Reelgate.Server.Http;

/// The optional body of a secret rotation: how long the old secret keeps working (default a day, at most 30).
[RequestBodyDoc]
internal sealed record RotateSecretRequest(long? GraceSeconds);
