using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

/// POST /v1/keys/{id}/rotate: a new secret for the same key; the old one keeps working for a
/// grace period (its hash moves to previous_hash), so clients can be switched over without
/// downtime. A second rotation ends the first one's grace at once: only one old secret is kept.
internal static class KeyRotation
{
    public const long DefaultGraceSeconds = 86_400;
    public const long MaxGraceSeconds = 30 * 86_400;

    /// Body (optional): {grace_seconds?}.
    public static async Task<IResult> Rotate(string id, HttpRequest request, ReelgateDb db, KeyCache cache, LastUsedTracker uses, TimeProvider clock, CancellationToken ct)
    {
        var grace = DefaultGraceSeconds;
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var (fields, error) = await RequestFields.ReadAsync(request, ct);
            if (fields is null) return error!.ToResult();
            grace = fields.Long("grace_seconds") ?? DefaultGraceSeconds;
            if (fields.Error is { } e) return e.ToResult();
        }
        if (grace is < 0 or > MaxGraceSeconds)
            return ApiError.Invalid("grace_seconds", $"'grace_seconds' must be 0..{MaxGraceSeconds} (30 days).").ToResult();

        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return ApiError.NotFound("key", id).ToResult();
        if (key.RevokedAt is not null) return Revoked(id).ToResult();
        var secret = KeyTokens.NewSecret();
        var (hash, prefix) = (KeyTokens.Hash(secret), KeyTokens.Visible(secret));
        var previousExpiresAt = clock.GetUtcNow().ToUnixTimeMilliseconds() + grace * 1000;
        // Filtered on the hash read above: of two rotations at once, exactly one wins.
        var n = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null && k.Hash == key.Hash)
            .ExecuteUpdateAsync(s => s
                .SetProperty(k => k.Hash, hash).SetProperty(k => k.Prefix, prefix)
                .SetProperty(k => k.PreviousHash, key.Hash).SetProperty(k => k.PreviousExpiresAt, previousExpiresAt), ct);
        cache.Forget(id);
        if (n == 0)
            return new ApiError(409, "rotation_conflict", $"Key '{id}' was revoked or rotated by another request at the same time; list it and try again.", "id").ToResult();
        var rotated = await db.ApiKeys.AsNoTracking().FirstAsync(k => k.Id == id, ct);
        return TypedResults.Json(ApiKeyObject.From(rotated, secret, uses.Unflushed(id)));
    }

    static ApiError Revoked(string id) => new(409, "key_revoked", $"Key '{id}' is revoked; a revoked key cannot be rotated. Create a new key instead.", "id");
}
