namespace Reelgate.Server.Idempotency;

internal sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// How long a stored answer is replayed for its key.
    public double RetentionHours { get; set; } = 24;

    /// How long a request waits for a concurrent one with the same key before answering 409.
    public double WaitSeconds { get; set; } = 15;

    /// A key still "processing" after this long belongs to a request that died; a retry takes it over.
    public double ProcessingTimeoutSeconds { get; set; } = 60;
}
