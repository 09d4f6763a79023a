using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

internal static class KeysEndpoints
{
    /// 9999-12-31T23:59:59Z: a larger expires_at is almost surely milliseconds sent as seconds.
    const long MaxUnixSeconds = 253_402_300_799;

    public static void MapKeys(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/keys").WithTags("Keys").AddEndpointFilter<AdminOnlyFilter>();
        keys.MapPost("", Create).WithName("CreateKey").Accepts<CreateKeyRequest>("application/json", "multipart/form-data")
            .Produces<ApiKeyObject>(201).ProducesProblems(400).WithSummary("Create an API key (admin); the answer shows its secret, once.");
        keys.MapGet("", List).WithName("ListKeys").Produces<ListPage<ApiKeyObject>>();
        keys.MapDelete("/{id}", Revoke).WithName("RevokeKey").Produces<KeyRevoked>().ProducesProblems(404);
        keys.MapPost("/{id}/rotate", KeyRotation.Rotate).WithName("RotateKey").Accepts<RotateSecretRequest>("application/json")
            .Produces<ApiKeyObject>().ProducesProblems(400, 404, 409)
            .WithSummary("A new secret for the key (shown once); the old one keeps working for grace_seconds.");
    }

    /// Body: {name? (or label), role?, account_id?, expires_at?, ip_allowlist?, sandbox?}.
    /// Without account_id the key gets a new account on the default tier.
    static async Task<IResult> Create(HttpRequest request, ReelgateDb db, Tiers tiers, TimeProvider clock, CancellationToken ct)
    {
        var (fields, error) = await RequestFields.ReadAsync(request, ct);
        if (fields is null) return error!.ToResult();
        var name = fields.String("name") ?? fields.String("label") ?? "";
        var role = fields.String("role") ?? Roles.Standard;
        var accountId = fields.String("account_id");
        var expiresAt = fields.Long("expires_at");
        var allowlist = fields.StringList("ip_allowlist");
        var sandbox = fields.Bool("sandbox") ?? false;
        if (fields.Error is { } e) return e.ToResult();
        if (name.Length > 200) return ApiError.Invalid("name", "'name' must be at most 200 characters.").ToResult();
        if (!Roles.All.Contains(role)) return ApiError.Invalid("role", $"'role' must be one of: {string.Join(", ", Roles.All)}.", "invalid_enum").ToResult();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (ExpiryProblem(expiresAt, now) is { } expiry) return ApiError.Invalid("expires_at", expiry).ToResult();
        var (ipAllowlist, ipError) = IpAllowlist.Validate(allowlist);
        if (ipError is not null) return ipError.ToResult();
        if (accountId is null)
        {
            accountId = Ids.New("acct", clock);
            db.Accounts.Add(new Account { Id = accountId, Name = name.Length > 0 ? name : accountId, Tier = tiers.DefaultTier, CreatedAt = now });
        }
        else if (!await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
            return ApiError.Invalid("account_id", $"No account with id '{accountId}' exists.", "not_found").ToResult();
        var (key, secret) = NewKey(accountId, name, role, clock);
        key.ExpiresAt = expiresAt * 1000;
        key.IpAllowlist = ipAllowlist;
        key.Sandbox = sandbox;
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Json(ApiKeyObject.From(key, secret, null), statusCode: 201);
    }

    internal static string? ExpiryProblem(long? expiresAt, long nowMs) => expiresAt switch
    {
        null => null,
        > MaxUnixSeconds => $"'expires_at' is Unix time in seconds; {expiresAt} is too large (milliseconds?).",
        var s when s < 0 || s * 1000 <= nowMs => $"'expires_at' must be in the future (now is {nowMs / 1000}).",
        _ => null,
    };

    /// Oldest first, a page at a time (limit, after).
    static async Task<IResult> List([FromQuery(Name = "account_id")] string? accountId, string? limit, string? after,
        ReelgateDb db, LastUsedTracker uses, CancellationToken ct)
    {
        var (paging, error) = PageQuery.Read(limit, after, "a key id");
        if (paging is null) return error!.ToResult();
        var query = db.ApiKeys.AsNoTracking();
        if (accountId is not null) query = query.Where(k => k.AccountId == accountId);
        if (after is not null) query = query.Where(k => string.Compare(k.Id, after) > 0);
        var rows = await query.OrderBy(k => k.Id).Take(paging.Fetch).ToListAsync(ct);
        return TypedResults.Json(paging.Page(rows, k => k.Id, k => ApiKeyObject.From(k, null, uses.Unflushed(k.Id))));
    }

    static async Task<IResult> Revoke(string id, ReelgateDb db, KeyCache cache, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var n = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        cache.Forget(id);
        if (n == 0 && !await db.ApiKeys.AnyAsync(k => k.Id == id, ct)) return ApiError.NotFound("key", id).ToResult();
        return TypedResults.Json(new KeyRevoked(id, "api_key.revoked", true));
    }

    internal static (ApiKey Key, string Secret) NewKey(string accountId, string name, string role, TimeProvider clock, string? secret = null)
    {
        secret ??= KeyTokens.NewSecret();
        var key = new ApiKey
        {
            Id = Ids.New("key", clock), AccountId = accountId, Name = name, Role = role,
            Prefix = KeyTokens.Visible(secret), Hash = KeyTokens.Hash(secret),
            CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        return (key, secret);
    }
}
