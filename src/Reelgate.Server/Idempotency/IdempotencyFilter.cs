using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Idempotency;

/// `Idempotency-Key` on any POST under /v1 (every one creates something). The first request
/// with a key runs and its answer is stored; the same key with the same request replays that
/// answer (`Idempotent-Replayed: true`); with a different request → 422
/// `idempotency_key_reused`. A request arriving while the first is still running waits for it
/// (up to Idempotency:WaitSeconds, then 409 with Retry-After). Keys are per account. An answer of
/// 5xx is not stored, so a retry runs again.
internal sealed class IdempotencyFilter(IDbContextFactory<ReelgateDb> dbs, IOptions<IdempotencyOptions> options, TimeProvider clock) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);
        var key = values.ToString();
        if (!RequestHash.IsValidKey(key))
            return Problems.Result(new ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 printable ASCII characters.", Header));
        var account = Caller.From(http).AccountId;
        var hash = await HashAsync(http.Request);
        var o = options.Value;
        var waitUntil = clock.GetTimestamp() + (long)(o.WaitSeconds * clock.TimestampFrequency);
        while (true)
        {
            var (decision, answer) = await DecideAsync(http, account, key, hash, o);
            if (decision == Decision.Run) return await RunAsync(context, next, account, key);
            if (decision == Decision.Answer) return answer;
            if (clock.GetTimestamp() > waitUntil)
                return Problems.Result(new ApiError(409, "idempotency_key_in_progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly.", Header)
                { Headers = [new("Retry-After", "1"), new("x-should-retry", "true")] });
            // Waiting holds no database connection: the request being waited for needs one.
            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, http.RequestAborted);
        }
    }

    enum Decision { Run, Answer, Wait }

    async Task<(Decision, IResult?)> DecideAsync(HttpContext http, string account, string key, string hash, IdempotencyOptions o)
    {
        await using var db = await dbs.CreateDbContextAsync(http.RequestAborted);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (await IdempotencyStore.TryClaimAsync(db, account, key, hash, now, now + (long)(o.RetentionHours * 3_600_000), http.RequestAborted))
            return (Decision.Run, null);
        var row = await IdempotencyStore.FindAsync(db, account, key, http.RequestAborted);
        if (row is null) return (Decision.Wait, null); // released or expired meanwhile: claim again
        if (row.RequestHash != hash)
            return (Decision.Answer, Problems.Result(new ApiError(422, "idempotency_key_reused",
                "This Idempotency-Key was used with a different request; use a new key for a new request.", Header)));
        if (row.State == "done") return (Decision.Answer, new Replay(row));
        if (now - row.CreatedAt > o.ProcessingTimeoutSeconds * 1000
            && await IdempotencyStore.TryTakeOverAsync(db, account, key, row.CreatedAt, now, http.RequestAborted))
            return (Decision.Run, null);
        return (Decision.Wait, null);
    }

    /// Runs the endpoint with the answer captured, stores it unless it is a 5xx (then the key is
    /// released), and sends it on.
    async Task<object?> RunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string account, string key)
    {
        var http = context.HttpContext;
        var claim = new IdempotencyClaim(account, key);
        http.Items[typeof(IdempotencyClaim)] = claim;
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            var result = await next(context);
            if (result is IResult r) await r.ExecuteAsync(http);
            else if (result is not null) await Results.Json(result).ExecuteAsync(http);
        }
        catch
        {
            http.Response.Body = original;
            await using var failed = await dbs.CreateDbContextAsync();
            await IdempotencyStore.ReleaseAsync(failed, account, key, CancellationToken.None);
            throw;
        }
        finally { http.Response.Body = original; }
        var bytes = buffer.ToArray();
        var status = http.Response.StatusCode;
        await using var db = await dbs.CreateDbContextAsync();
        if (status >= 500) await IdempotencyStore.ReleaseAsync(db, account, key, CancellationToken.None);
        else if (!claim.Completed)
            await IdempotencyStore.CompleteAsync(db, account, key, status, http.Response.ContentType, http.Response.Headers.Location, bytes, CancellationToken.None);
        return new Written(bytes);
    }

    static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return RequestHash.Of(request.Method, request.Path + request.QueryString, request.ContentType, copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    /// The captured answer: status and headers are already on the response.
    sealed class Written(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext http) => http.Response.Body.WriteAsync(body).AsTask();
    }

    sealed class Replay(IdempotencyStore.Row row) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = row.Status ?? 200;
            if (row.ContentType is not null) http.Response.ContentType = row.ContentType;
            if (row.Location is not null) http.Response.Headers.Location = row.Location;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            var body = row.Body ?? [];
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
