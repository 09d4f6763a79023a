using Microsoft.Extensions.Options;
using Reelgate.Server.Catalog;
using Reelgate.Server.Media;
using Reelgate.Server.Providers.ComfyUi;
using Reelgate.Server.Providers.Gemini;
using Reelgate.Server.Providers.OpenAiCompatible;
using Reelgate.Server.Providers.Routing;
using Reelgate.Server.Providers.Vertex;

namespace Reelgate.Server.Providers;

internal static class ProvidersSetup
{
    /// The remote adapters enabled under `Providers:<Name>:Enabled`, in this order (which breaks
    /// ties between equally cheap candidates), the registry the router reads, and the worker's
    /// remote path. Each adapter gets its own HttpClient that follows no redirects: the Veo
    /// adapters follow download redirects by hand so keys never leave the API host.
    public static IServiceCollection AddProviders(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection(RoutingOptions.Section).Get<RoutingOptions>() ?? new RoutingOptions());
        var entries = new List<Func<IServiceProvider, RemoteEntry>>();
        Add<GeminiOptions>(config, GeminiOptions.Section, entries, (sp, o) =>
            (new GeminiProvider(Client(), Options.Create(o), Ffmpeg(sp), Clock(sp), Log<GeminiProvider>(sp)), o.UpstreamId, RemoteEntry.AllTypes, 4));
        Add<VertexOptions>(config, VertexOptions.Section, entries, (sp, o) =>
            (new VertexProvider(Client(), Options.Create(o), ServiceAccountTokenSource.FromOptions(o), Ffmpeg(sp), Clock(sp), Log<VertexProvider>(sp)), o.UpstreamId, RemoteEntry.AllTypes, 4));
        Add<ComfyUiOptions>(config, ComfyUiOptions.Section, entries, (sp, o) =>
            (new ComfyUiProvider(Client(), Options.Create(o), Ffmpeg(sp), Log<ComfyUiProvider>(sp), Clock(sp)),
             m => ModelMap.Lookup(o.Workflows, m) is null ? null : ModelCatalog.Find(m)?.Id ?? m, new HashSet<string> { GenerationTypes.Text, GenerationTypes.FirstFrame, GenerationTypes.FirstLast }, 1));
        Add<OpenAiCompatibleOptions>(config, OpenAiCompatibleOptions.Section, entries, (sp, o) =>
            (new OpenAiCompatibleProvider(Client(), Options.Create(o), Ffmpeg(sp), Log<OpenAiCompatibleProvider>(sp), Clock(sp)),
             m => ModelMap.Lookup(o.Models, m), new HashSet<string> { GenerationTypes.Text, GenerationTypes.FirstFrame }, 1));
        services.AddSingleton(sp => new ProviderRegistry(entries.Select(e => e(sp)).ToList(), sp.GetRequiredService<Billing.Pricing>(), Clock(sp)));
        services.AddSingleton<Worker.RemoteRun>();
        return services;
    }

    static void Add<TOptions>(IConfiguration config, string section, List<Func<IServiceProvider, RemoteEntry>> entries,
        Func<IServiceProvider, TOptions, (IRemoteProvider Provider, Func<string, string?> UpstreamId, IReadOnlySet<string> Types, int MaxN)> make)
        where TOptions : class, new()
    {
        var settings = config.GetSection(section).Get<ProviderSettings>() ?? new ProviderSettings();
        if (!settings.Enabled) return;
        var options = config.GetSection(section).Get<TOptions>() ?? new TOptions();
        entries.Add(sp =>
        {
            var (provider, upstream, types, maxN) = make(sp, options);
            return new RemoteEntry(provider, settings, upstream, types, maxN);
        });
    }

    static HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    { Timeout = Timeout.InfiniteTimeSpan };

    static FfmpegRunner Ffmpeg(IServiceProvider sp) => sp.GetRequiredService<FfmpegRunner>();
    static TimeProvider Clock(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();
    static ILogger<T> Log<T>(IServiceProvider sp) => sp.GetRequiredService<ILogger<T>>();
}
