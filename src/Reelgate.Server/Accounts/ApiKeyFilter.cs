using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

/// Authenticates `Authorization: Bearer …` or `X-API-Key: …` for every /v1 endpoint.
internal sealed class ApiKeyFilter(KeyCache cache, IOptions<AuthOptions> options) : IEndpointFilter
{
    static readonly Func<ReelgateDb, string, Task<Caller?>> FindByHash = EF.CompileAsyncQuery(
        (ReelgateDb db, string hash) => db.ApiKeys
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Join(db.Accounts, k => k.AccountId, a => a.Id, (k, a) => new Caller(k.Id, k.AccountId, k.Role, a.Tier, k.Sandbox))
            .FirstOrDefault());

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var secret = ReadSecret(http.Request);
        if (secret is null)
            return Problems.Result(new ApiError(401, "missing_api_key", "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", "Authorization"));
        var hash = KeyTokens.Hash(secret);
        var caller = cache.Get(hash);
        if (caller is null)
        {
            var db = http.RequestServices.GetRequiredService<ReelgateDb>();
            caller = await FindByHash(db, hash);
            if (caller is null)
                return Problems.Result(new ApiError(401, "invalid_api_key", "The API key is not valid or has been revoked.", "Authorization"));
            cache.Put(hash, caller, options.Value.CacheSeconds);
        }
        http.Items[typeof(Caller)] = caller;
        return await next(context);
    }

    static string? ReadSecret(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return NonEmpty(auth[7..].Trim());
        return NonEmpty(request.Headers["X-API-Key"].ToString().Trim());
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
