using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Webhooks;

/// /v1/webhooks: the account's endpoints (url, events, secret shown once, enable/disable,
/// secret rotation), the callback secret, and the delivery log (WebhookDeliveries).
internal static class WebhooksEndpoints
{
    const int MaxEndpoints = 20;

    public static void MapWebhooks(this RouteGroupBuilder v1)
    {
        var hooks = v1.MapGroup("/webhooks").WithTags("Webhooks").AddEndpointFilter(async (ctx, next) =>
            Caller.From(ctx.HttpContext).CanManageWebhooks ? await next(ctx)
                : new ApiError(403, "role_forbidden", "Webhooks are managed with a service or admin key.", "Authorization").ToResult());
        hooks.MapPost("", Create).WithName("CreateWebhook").Accepts<WebhookEndpointRequest>("application/json", "multipart/form-data")
            .Produces<WebhookEndpointObject>(201).ProducesProblems(400).WithSummary("Add an endpoint; the answer shows its signing secret, once.");
        hooks.MapGet("", List).WithName("ListWebhooks").Produces<ListPage<WebhookEndpointObject>>();
        hooks.MapPost("/callback_secret", WebhookSecrets.RotateCallbackSecret).WithName("RotateCallbackSecret")
            .Accepts<RotateSecretRequest>("application/json").Produces<CallbackSecret>().ProducesProblems(400)
            .WithSummary("A new secret for signing per-task callback_url deliveries (shown once); the old one keeps signing for grace_seconds.");
        WebhookDeliveries.Map(hooks);
        hooks.MapGet("/{id}", Get).WithName("GetWebhook").Produces<WebhookEndpointObject>().ProducesProblems(404);
        hooks.MapPatch("/{id}", Update).WithName("UpdateWebhook").Accepts<WebhookEndpointRequest>("application/json", "multipart/form-data")
            .Produces<WebhookEndpointObject>().ProducesProblems(400, 404).WithSummary("Change url, events, description, or enabled.");
        hooks.MapDelete("/{id}", Delete).WithName("DeleteWebhook").Produces<DeletedObject>().ProducesProblems(404);
        hooks.MapPost("/{id}/rotate_secret", WebhookSecrets.RotateEndpointSecret).WithName("RotateWebhookSecret")
            .Accepts<RotateSecretRequest>("application/json").Produces<WebhookEndpointObject>().ProducesProblems(400, 404)
            .WithSummary("A new signing secret (shown once); both are sent during grace_seconds.");
    }

    /// Body: {url, events?, description?, enabled?}.
    static async Task<IResult> Create(HttpContext http, ReelgateDb db, WebhooksOptions options, TimeProvider clock, CancellationToken ct)
    {
        var account = Caller.From(http).AccountId;
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var (input, error) = await ReadAsync(fields, options, requireUrl: true, ct);
        if (input is null) return error!.ToResult();
        var count = (await Sql.QueryAsync<long>(db, ct, "SELECT COUNT(*) FROM webhook_endpoints WHERE account_id = @account", new { account }))[0];
        if (count >= MaxEndpoints)
            return new ApiError(400, "too_many_endpoints", $"An account may have at most {MaxEndpoints} webhook endpoints.", "url").ToResult();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var id = Ids.New("we", clock);
        var secret = WebhookSignature.NewSecret();
        await Sql.ExecuteAsync(db, ct, """
            INSERT INTO webhook_endpoints (id, account_id, url, description, events, secret, enabled, created_at, updated_at)
            VALUES (@id, @account, @url, @description, @events, @secret, @enabled, @now, @now)
            """, ("id", id), ("account", account), ("url", input.Url), ("description", input.Description),
            ("events", string.Join(',', input.Events ?? WebhookEvents.All)), ("secret", secret), ("enabled", input.Enabled ?? true ? 1 : 0), ("now", now));
        return TypedResults.Json(WebhookViews.Endpoint((await WebhookViews.LoadAsync(db, id, account, ct))!, secret), statusCode: 201);
    }

    /// Oldest first, a page at a time (limit, after).
    static async Task<IResult> List(HttpContext http, ReelgateDb db, string? limit, string? after, CancellationToken ct)
    {
        var (paging, error) = PageQuery.Read(limit, after, "a webhook id");
        if (paging is null) return error!.ToResult();
        return TypedResults.Json(await WebhookViews.PageAsync(db, Caller.From(http).AccountId, paging, ct));
    }

    static async Task<IResult> Get(string id, HttpContext http, ReelgateDb db, CancellationToken ct) =>
        await WebhookViews.LoadAsync(db, id, Caller.From(http).AccountId, ct) is { } row
            ? TypedResults.Json(WebhookViews.Endpoint(row, null)) : ApiError.NotFound("webhook", id).ToResult();

    static async Task<IResult> Update(string id, HttpContext http, ReelgateDb db, WebhooksOptions options, TimeProvider clock, CancellationToken ct)
    {
        var account = Caller.From(http).AccountId;
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var (input, error) = await ReadAsync(fields, options, requireUrl: false, ct);
        if (input is null) return error!.ToResult();
        var n = await Sql.ExecuteAsync(db, ct, """
            UPDATE webhook_endpoints SET url = COALESCE(@url, url), events = COALESCE(@events, events),
                   description = CASE WHEN @setDescription = 1 THEN @description ELSE description END,
                   enabled = COALESCE(@enabled, enabled),
                   disabled_reason = CASE WHEN @enabled = 1 THEN NULL ELSE disabled_reason END, updated_at = @now
            WHERE id = @id AND account_id = @account
            """, ("url", input.Url), ("events", input.Events is null ? null : string.Join(',', input.Events)),
            ("setDescription", fields.Has("description") ? 1 : 0), ("description", input.Description),
            ("enabled", input.Enabled is null ? null : input.Enabled.Value ? 1 : 0), ("now", clock.GetUtcNow().ToUnixTimeMilliseconds()),
            ("id", id), ("account", account));
        if (n == 0) return ApiError.NotFound("webhook", id).ToResult();
        return TypedResults.Json(WebhookViews.Endpoint((await WebhookViews.LoadAsync(db, id, account, ct))!, null));
    }

    static async Task<IResult> Delete(string id, HttpContext http, ReelgateDb db, CancellationToken ct)
    {
        var n = await Sql.ExecuteAsync(db, ct, "DELETE FROM webhook_endpoints WHERE id = @id AND account_id = @account",
            ("id", id), ("account", Caller.From(http).AccountId));
        return n == 0 ? ApiError.NotFound("webhook", id).ToResult() : TypedResults.Json(new DeletedObject(id, "webhook_endpoint.deleted", true));
    }

    sealed record Input(string? Url, IReadOnlyList<string>? Events, string? Description, bool? Enabled);

    static async Task<(Input?, ApiError?)> ReadAsync(RequestFields fields, WebhooksOptions options, bool requireUrl, CancellationToken ct)
    {
        var url = fields.String("url");
        var events = fields.StringList("events");
        var description = fields.String("description");
        var enabled = fields.Bool("enabled");
        if (fields.Error is { } e) return (null, e);
        var unknown = fields.Names.FirstOrDefault(n => n is not ("url" or "events" or "description" or "enabled"));
        if (unknown is not null) return (null, ApiError.Invalid(unknown, $"Unknown parameter '{unknown}'.", "unknown_parameter"));
        if (url is null && requireUrl) return (null, ApiError.Invalid("url", "'url' is required.", "missing_parameter"));
        if (url is not null && await CallbackUrlGuard.CheckAsync(url, options, ct, "url") is { } urlError) return (null, urlError);
        if (events is { Count: 0 }) return (null, ApiError.Invalid("events", "'events' must name at least one event.", "invalid_enum"));
        if (events?.FirstOrDefault(v => !WebhookEvents.All.Contains(v)) is { } bad)
            return (null, ApiError.Invalid("events", $"'{bad}' is not an event; events are: {string.Join(", ", WebhookEvents.All)}.", "invalid_enum"));
        if (description is { Length: > 500 }) return (null, ApiError.Invalid("description", "'description' must be at most 500 characters."));
        return (new Input(url, events?.Distinct().ToList(), description, enabled), null);
    }
}
