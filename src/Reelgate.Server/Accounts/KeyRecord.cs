using System.Net;

namespace Reelgate.Server.Accounts;

/// An api_keys row joined with its account, as the lookup by hash or previous_hash finds it
/// (revoked rows included, so that "revoked" can be told from "unknown").
internal sealed record KeyRow(
    string Id, string AccountId, string Role, string Tier, string AccountStatus, bool Sandbox,
    string Hash, long? RevokedAt, long? ExpiresAt, string? IpAllowlist, long? PreviousExpiresAt);

/// What KeyCache keeps per secret hash: everything KeyCheck.Decide needs, prepared once so that
/// a cache hit allocates nothing. Times are Unix ms.
internal sealed record KeyRecord(
    Caller Caller, string AccountStatus, long? RevokedAt, long? ExpiresAt,
    long? GraceEndsAt, IPNetwork[]? Allowed, LastUse Use)
{
    public const string Active = "active";

    /// `GraceEndsAt` is set only when the secret is a rotated-out one: it works until then.
    public static KeyRecord From(KeyRow row, string hash, LastUse use) => new(
        new Caller(row.Id, row.AccountId, row.Role, row.Tier, row.Sandbox), row.AccountStatus,
        row.RevokedAt, row.ExpiresAt,
        row.Hash == hash ? null : row.PreviousExpiresAt ?? 0,
        IpAllowlist.Parse(row.IpAllowlist), use);
}
