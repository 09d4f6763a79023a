using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

/// An API key as the admin API shows it (times in Unix seconds). `secret` is only in the answer
/// that created or rotated the key; `previous_expires_at` ends the old secret's grace after a rotation.
internal sealed record ApiKeyObject(
    string Id, string Object, string Name, string Prefix, string Role, string AccountId, long CreatedAt, long? RevokedAt, bool Revoked,
    long? ExpiresAt, IReadOnlyList<string>? IpAllowlist, bool Sandbox, long? LastUsedAt, long? PreviousExpiresAt, string? Secret)
{
    /// `unflushedUse` is this process's last use not yet written to the row.
    public static ApiKeyObject From(ApiKey k, string? secret, long? unflushedUse) => new(
        k.Id, "api_key", k.Name, k.Prefix, k.Role, k.AccountId, k.CreatedAt / 1000, k.RevokedAt / 1000, k.RevokedAt is not null,
        k.ExpiresAt / 1000, Accounts.IpAllowlist.View(k.IpAllowlist), k.Sandbox,
        Math.Max(k.LastUsedAt ?? 0, unflushedUse ?? 0) is > 0 and var used ? used / 1000 : null, k.PreviousExpiresAt / 1000, secret);
}

internal sealed record KeyRevoked(string Id, string Object, bool Revoked);

/// POST /v1/keys. Without account_id the key gets a new account on the default tier.
[RequestBodyDoc]
internal sealed record CreateKeyRequest(
    string? Name, string? Label, string? Role, string? AccountId, long? ExpiresAt, IReadOnlyList<string>? IpAllowlist, bool? Sandbox);
