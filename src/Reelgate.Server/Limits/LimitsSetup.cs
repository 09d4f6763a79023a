namespace Reelgate.Server.Limits;

internal static class LimitsSetup
{
    /// The per-key request rate; RateLimitFilter goes on the /v1 group after ApiKeyFilter.
    public static IServiceCollection AddRateLimits(this IServiceCollection services) =>
        services.AddSingleton<RateBuckets>();
}
