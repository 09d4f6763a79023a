using Microsoft.AspNetCore.Http.Features;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Webhooks;

/// Secret rotation: the new secret is shown once; the old one keeps signing (a second
/// `v1,` entry in `webhook-signature`) for `grace_seconds`, so receivers can switch over.
internal static class WebhookSecrets
{
    const long DefaultGraceSeconds = 86_400, MaxGraceSeconds = 30 * 86_400;

    public static async Task<IResult> RotateEndpointSecret(string id, HttpContext http, ReelgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var (grace, error) = await GraceAsync(http.Request, ct);
        if (grace is null) return error!.ToResult();
        var account = Caller.From(http).AccountId;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var secret = WebhookSignature.NewSecret();
        var n = await Sql.ExecuteAsync(db, ct, """
            UPDATE webhook_endpoints SET previous_secret = secret, previous_expires_at = @until, secret = @secret, updated_at = @now
            WHERE id = @id AND account_id = @account
            """, ("until", now + grace.Value * 1000), ("secret", secret), ("now", now), ("id", id), ("account", account));
        if (n == 0) return ApiError.NotFound("webhook", id).ToResult();
        return TypedResults.Json(WebhookViews.Endpoint((await WebhookViews.LoadAsync(db, id, account, ct))!, secret));
    }

    /// Per-task callback_url deliveries are signed with the account's callback secret.
    public static async Task<IResult> RotateCallbackSecret(HttpContext http, ReelgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var (grace, error) = await GraceAsync(http.Request, ct);
        if (grace is null) return error!.ToResult();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var secret = WebhookSignature.NewSecret();
        var until = now + grace.Value * 1000;
        await Sql.ExecuteAsync(db, ct, """
            UPDATE accounts SET webhook_previous_secret = webhook_secret,
                   webhook_previous_expires_at = CASE WHEN webhook_secret IS NULL THEN NULL ELSE @until END, webhook_secret = @secret
            WHERE id = @account
            """, ("until", until), ("secret", secret), ("account", Caller.From(http).AccountId));
        return TypedResults.Json(new CallbackSecret("webhook.callback_secret", secret, until / 1000));
    }

    static async Task<(long? Grace, ApiError? Error)> GraceAsync(HttpRequest request, CancellationToken ct)
    {
        long grace = DefaultGraceSeconds;
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var (fields, error) = await RequestFields.ReadAsync(request, ct);
            if (fields is null) return (null, error);
            grace = fields.Long("grace_seconds") ?? DefaultGraceSeconds;
            if (fields.Error is { } e) return (null, e);
        }
        if (grace is < 0 or > MaxGraceSeconds)
            return (null, ApiError.Invalid("grace_seconds", $"'grace_seconds' must be 0..{MaxGraceSeconds} (30 days)."));
        return (grace, null);
    }
}
