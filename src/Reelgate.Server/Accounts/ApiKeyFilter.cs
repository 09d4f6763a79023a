using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

/// Authenticates `Authorization: Bearer …`, `X-API-Key: …` or `x-goog-api-key: …` (Google's SDKs)
/// for every API endpoint, and `?key=` where the endpoint allows it (Compat.KeyInQuery). A cache hit
/// is a dictionary lookup and KeyCheck's comparisons; only a miss goes to the database.
internal sealed class ApiKeyFilter(KeyCache cache, LastUsedTracker uses, TimeProvider clock, IOptions<AuthOptions> options) : IEndpointFilter
{
    static readonly Func<ReelgateDb, string, Task<KeyRow?>> FindByHash = EF.CompileAsyncQuery(
        (ReelgateDb db, string hash) =>
            (from k in db.ApiKeys
             where k.Hash == hash || k.PreviousHash == hash
             join a in db.Accounts on k.AccountId equals a.Id
             orderby k.Hash == hash ? 0 : 1
             select new KeyRow(k.Id, k.AccountId, k.Role, a.Tier, a.Status, k.Sandbox, k.Hash, k.RevokedAt, k.ExpiresAt, k.IpAllowlist, k.PreviousExpiresAt))
            .FirstOrDefault());

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var secret = ReadSecret(context.HttpContext.Request);
        if (secret is null) return ValueTask.FromResult<object?>(Problems.Result(KeyCheck.Missing));
        var hash = KeyTokens.Hash(secret);
        return cache.Get(hash) is { } key ? Admit(key, context, next) : LookUpAndAdmit(hash, context, next);
    }

    async ValueTask<object?> LookUpAndAdmit(string hash, EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<ReelgateDb>();
        if (await FindByHash(db, hash) is not { } row) return Problems.Result(KeyCheck.Unknown);
        var key = KeyRecord.From(row, hash, uses.For(row.Id));
        cache.Put(hash, key, options.Value.CacheSeconds);
        return await Admit(key, context, next);
    }

    ValueTask<object?> Admit(KeyRecord key, EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var remote = key.Allowed is null ? null : http.Connection.RemoteIpAddress; // read only when it matters
        var (caller, error) = KeyCheck.Decide(key, now, remote);
        if (caller is null) return ValueTask.FromResult<object?>(Problems.Result(error!));
        key.Use.Touch(now);
        http.Items[typeof(Caller)] = caller;
        return next(context);
    }

    static string? ReadSecret(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return NonEmpty(auth[7..].Trim());
        return NonEmpty(request.Headers["X-API-Key"].ToString().Trim())
            ?? NonEmpty(request.Headers["x-goog-api-key"].ToString().Trim())
            ?? (request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Compat.KeyInQuery>() is null ? null : NonEmpty(request.Query["key"].ToString().Trim()));
    }

    static string? NonEmpty(string s) => s.Length == 0 ? null : s;
}

internal sealed class AdminOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Caller.From(context.HttpContext).IsAdmin
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Result(new ApiError(403, "admin_required", "This endpoint needs an admin key.", "Authorization")));
}
