using System.Net;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

/// Whether a looked-up key may call now, from where it calls. Checked on every request (the
/// cache keeps the record, not this answer), in this order: the credential itself (401s), then
/// where it is used from, then the account (403s), so an address outside the allow-list learns
/// nothing about the account.
internal static class KeyCheck
{
    public const string Header = "Authorization";
    public static readonly ApiError Missing = new(401, "missing_api_key", "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", Header);
    public static readonly ApiError Unknown = new(401, "invalid_api_key", "The API key is not valid.", Header);
    public static readonly ApiError Revoked = new(401, "key_revoked", "The API key has been revoked.", Header);
    public static readonly ApiError Expired = new(401, "key_expired", "The API key has expired.", Header);
    public static readonly ApiError RotatedOut = new(401, "key_expired", "This secret was replaced by a key rotation and its grace period has ended; use the new secret.", Header);
    public static readonly ApiError IpNotAllowed = new(403, "ip_not_allowed", "The API key may not be used from this address.", Header);
    public static readonly ApiError Suspended = new(403, "account_suspended", "The account of this API key is suspended.", Header);

    public static (Caller? Caller, ApiError? Error) Decide(KeyRecord? key, long now, IPAddress? remote)
    {
        if (key is null) return (null, Unknown);
        if (key.RevokedAt is not null) return (null, Revoked);
        if (key.ExpiresAt <= now) return (null, Expired);
        if (key.GraceEndsAt <= now) return (null, RotatedOut);
        if (key.Allowed is { } allowed && !IpAllowlist.Allows(allowed, remote)) return (null, IpNotAllowed);
        // Any status but active (suspended, or one added later) keeps the account out: fail closed.
        if (key.AccountStatus != KeyRecord.Active) return (null, Suspended);
        return (key.Caller, null);
    }
}
