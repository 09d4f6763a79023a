using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

internal static class KeysEndpoints
{
    public static void MapKeys(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/keys").WithTags("Keys").AddEndpointFilter<AdminOnlyFilter>();
        keys.MapPost("", Create).WithName("CreateKey");
        keys.MapGet("", List).WithName("ListKeys");
        keys.MapDelete("/{id}", Revoke).WithName("RevokeKey");
    }

    /// Body: {name?, role?: "standard"|"admin", account_id?}. Without account_id the key gets a new account.
    static async Task<IResult> Create(HttpRequest request, ReelgateDb db, Tiers tiers, TimeProvider clock, CancellationToken ct)
    {
        var (fields, error) = await RequestFields.ReadAsync(request, ct);
        if (fields is null) return error!.ToResult();
        var name = fields.String("name") ?? "";
        var role = fields.String("role") ?? Roles.Standard;
        var accountId = fields.String("account_id");
        if (fields.Error is { } e) return e.ToResult();
        if (name.Length > 200) return ApiError.Invalid("name", "'name' must be at most 200 characters.").ToResult();
        if (!Roles.All.Contains(role)) return ApiError.Invalid("role", $"'role' must be one of: {string.Join(", ", Roles.All)}.", "invalid_enum").ToResult();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (accountId is null)
        {
            accountId = Ids.New("acct", clock);
            db.Accounts.Add(new Account { Id = accountId, Name = name.Length > 0 ? name : accountId, Tier = tiers.DefaultTier, CreatedAt = now });
        }
        else if (!await db.Accounts.AnyAsync(a => a.Id == accountId, ct))
            return ApiError.Invalid("account_id", $"No account with id '{accountId}' exists.", "not_found").ToResult();
        var (key, secret) = NewKey(accountId, name, role, clock);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Json(View(key, secret), statusCode: 201);
    }

    static async Task<IResult> List(ReelgateDb db, CancellationToken ct)
    {
        var rows = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        return TypedResults.Json(new { @object = "list", data = rows.Select(k => View(k, null)) });
    }

    static async Task<IResult> Revoke(string id, ReelgateDb db, KeyCache cache, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var n = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        cache.Forget(id);
        if (n == 0 && !await db.ApiKeys.AnyAsync(k => k.Id == id, ct)) return ApiError.NotFound("key", id).ToResult();
        return TypedResults.Json(new { id, @object = "api_key.revoked", revoked = true });
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

    static object View(ApiKey k, string? secret) => new
    {
        id = k.Id, @object = "api_key", name = k.Name, prefix = k.Prefix, role = k.Role, account_id = k.AccountId,
        created_at = k.CreatedAt / 1000, revoked_at = k.RevokedAt / 1000, revoked = k.RevokedAt is not null,
        secret,
    };
}
