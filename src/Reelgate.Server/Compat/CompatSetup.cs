using Reelgate.Server.Accounts;
using Reelgate.Server.Billing;
using Reelgate.Server.Compat.AceData;
using Reelgate.Server.Compat.Doitong;
using Reelgate.Server.Compat.Google;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Limits;

namespace Reelgate.Server.Compat;

/// The dialects: each registers its callback shape here and maps its endpoints in MapCompat.
internal static class CompatSetup
{
    public static IServiceCollection AddCompat(this IServiceCollection services)
    {
        services.AddSingleton<DialectCallbacks>();
        services.AddAceData();
        services.AddSingleton<DialectCallback, EvoLink.EvoLinkCallback>();
        services.AddDoitong();
        return services;
    }

    public static void MapCompat(this WebApplication app)
    {
        app.MapAceData();
        app.MapGoogle();
        Veo3o1.Veo3o1Endpoints.MapVeo3o1(app);
        EvoLink.EvoLinkEndpoints.MapEvoLink(app);
        app.MapDoitong();
    }

    /// A group of API endpoints with the native checks in the native order: key, rate limit, usage
    /// headers, idempotency. Every surface (native /v1 and each dialect) is one of these.
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).AddEndpointFilter<ApiKeyFilter>().AddEndpointFilter<RateLimitFilter>()
            .AddEndpointFilter<UsageHeadersFilter>().AddEndpointFilter<IdempotencyFilter>();

    /// A dialect's group: the API checks, its error envelope, its OpenAPI tag ("Dialect: …").
    public static RouteGroupBuilder MapDialect(this IEndpointRouteBuilder app, string prefix, ErrorEnvelope envelope, string tag) =>
        app.MapApiGroup(prefix).WithMetadata(envelope).WithTags(TagPrefix + tag);

    public const string TagPrefix = "Dialect: ";
}
