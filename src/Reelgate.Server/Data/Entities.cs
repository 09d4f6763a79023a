namespace Reelgate.Server.Data;

// Times are Unix milliseconds: both SQLite and PostgreSQL order and compare them natively.

internal sealed class Account
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public long CreatedAt { get; init; }
    public string Tier { get; set; } = "free";
    public string Status { get; set; } = "active";
    /// Credit amounts are integers in 1/10,000 credit (Billing.Credits). Always SUM(ledger.amount).
    public long Balance { get; set; }
    public long MonthUsed { get; set; }
    public int AllowanceMonth { get; set; }
    public long StorageBytes { get; set; }
}

internal sealed class ApiKey
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; set; }
    public required string Prefix { get; init; }
    public required string Hash { get; init; }
    public required string Role { get; init; }
    public long CreatedAt { get; init; }
    public long? RevokedAt { get; set; }
    public long? ExpiresAt { get; set; }
    /// Comma-separated CIDRs; null means any address.
    public string? IpAllowlist { get; set; }
    public bool Sandbox { get; set; }
    /// After a rotation, the old secret's hash stays valid until PreviousExpiresAt.
    public string? PreviousHash { get; set; }
    public long? PreviousExpiresAt { get; set; }
    public long? LastUsedAt { get; set; }
}

/// The request itself (metadata and callback URL included) lives in RequestJson; the columns are
/// what queries filter on and what changes while the task runs.
internal sealed class VideoTask
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Status { get; set; }
    public required string Model { get; init; }
    public required string Provider { get; set; }
    public required string Prompt { get; init; }
    public required string RequestJson { get; init; }
    public int Seconds { get; init; }
    public required string Size { get; init; }
    public int Progress { get; set; }
    public int? EtaSeconds { get; set; }
    public int Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public long? LeaseExpiresAt { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public string? OutputsJson { get; set; }
    public long CreatedAt { get; init; }
    public long? StartedAt { get; set; }
    public long? CompletedAt { get; set; }
    public long? ExpiresAt { get; set; }
    /// The task's price in 1/10,000 credit, and what became of it (Billing.BillingStates).
    public long Credits { get; set; }
    public string Billing { get; set; } = "unmetered";
    public bool Sandbox { get; set; }
    public long OutputBytes { get; set; }
    /// Scheme, host and path base of the create request: the base of the content links in webhook
    /// payloads when Webhooks:PublicBaseUrl is not set.
    public string? Origin { get; init; }
    /// Set (with Provider) in the same statement as the upstream's acceptance is recorded: from
    /// then on this task is that upstream operation, resumed after a restart, never resubmitted.
    public string? UpstreamOperation { get; set; }
    public long? UpstreamSubmittedAt { get; set; }
    /// JSON array of {provider, outcome, code, message, at}: every provider tried, in order.
    public string? ProviderAttempts { get; set; }
    /// The surface the task came through (Compat.Dialects): its answers and callbacks take that shape.
    public string Dialect { get; init; } = "native";
    /// Cancel-After: a task not finished by then (ms) is cancelled and refunded.
    public long? DeadlineAt { get; init; }
    /// The task's `renditions` rows as the status poll shows them (Renditions/RenditionRows.Sync
    /// rewrites it with every row change), so a poll reads one row.
    public string? RenditionsJson { get; set; }
    /// JSON shown as `error.details` (output_mismatch: {asked, delivered}).
    public string? ErrorDetails { get; set; }
    /// JSON {asked, delivered} of an accepted downgrade (Media:AcceptDowngrades).
    public string? Downgrade { get; set; }
}

internal sealed class StoredFile
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Filename { get; init; }
    public required string ContentType { get; init; }
    public long Bytes { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public required string Sha256 { get; init; }
    public required string StorageKey { get; init; }
    public long CreatedAt { get; init; }
}

/// One append-only row of an account's credit history: grant, deduct, hold, settle or refund.
internal sealed class LedgerEntry
{
    public long Id { get; init; }
    public required string AccountId { get; init; }
    public required string Kind { get; init; }
    public long Amount { get; init; }
    public long BalanceAfter { get; init; }
    public string? TaskId { get; init; }
    public string? Model { get; init; }
    public int Seconds { get; init; }
    public string? Reason { get; init; }
    public long CreatedAt { get; init; }
}

internal sealed class AccountEvent
{
    public long Id { get; init; }
    public required string AccountId { get; init; }
    public required string Kind { get; init; }
    public required string Period { get; init; }
    public required string PayloadJson { get; init; }
    public long CreatedAt { get; init; }
}
