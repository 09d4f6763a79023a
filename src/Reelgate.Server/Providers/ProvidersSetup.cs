using Reelgate.Server.Providers.Routing;

namespace Reelgate.Server.Providers;

internal static class ProvidersSetup
{
    /// The remote adapters enabled under `Providers:<Name>:Enabled`, the registry the router
    /// reads, and the worker's remote path.
    public static IServiceCollection AddProviders(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection(RoutingOptions.Section).Get<RoutingOptions>() ?? new RoutingOptions());
        var entries = new List<Func<IServiceProvider, RemoteEntry>>();
        services.AddSingleton(sp => new ProviderRegistry(entries.Select(e => e(sp)).ToList(), sp.GetRequiredService<Billing.Pricing>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Worker.RemoteRun>();
        return services;
    }
}
