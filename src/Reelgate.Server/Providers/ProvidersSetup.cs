using Microsoft.Extensions.Options;
using Reelgate.Server.Catalog;
using Reelgate.Server.Media;
using Reelgate.Server.Providers.ComfyUi;
using Reelgate.Server.Providers.Gemini;
using Reelgate.Server.Providers.OpenAiCompatible;
using Reelgate.Server.Providers.Routing;
using Reelgate.Server.Providers.Vertex;
using Reelgate.Server.Setup;

namespace Reelgate.Server.Providers;

internal static class ProvidersSetup
{
    /// The remote adapters enabled under `Providers:<Name>:Enabled`, in this order (which breaks
    /// ties between equally cheap candidates), the registry the router reads, and the worker's
    /// remote path. Each adapter gets its own HttpClient that follows no redirects: the Veo
    /// adapters follow download redirects by hand so keys never leave the API host.
    public static IServiceCollection AddProviders(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section)
            .Validate(o => o.DeadlineMinutes > 0, "Providers:DeadlineMinutes must be more than 0.")
            .ValidateOnStart();
        var entries = new List<Func<IServiceProvider, RemoteEntry>>();
        Add<GeminiOptions>(services, config, GeminiOptions.Section, entries, (sp, o) =>
            (new GeminiProvider(Client(), o, Ffmpeg(sp), Clock(sp), Log<GeminiProvider>(sp)), o.Value.UpstreamId, RemoteEntry.AllTypes.Append(Tasks.Sequels.SequelTypes.Extend).ToHashSet(), 4));
        Add<VertexOptions>(services, config, VertexOptions.Section, entries, (sp, o) =>
            (new VertexProvider(Client(), o, ServiceAccountTokenSource.FromOptions(o.Value), Ffmpeg(sp), Clock(sp), Log<VertexProvider>(sp)), o.Value.UpstreamId, RemoteEntry.AllTypes, 4));
        Add<ComfyUiOptions>(services, config, ComfyUiOptions.Section, entries, (sp, o) =>
            (new ComfyUiProvider(Client(), o, Ffmpeg(sp), Log<ComfyUiProvider>(sp), Clock(sp)),
             m => ModelMap.Lookup(o.Value.Workflows, m) is null ? null : ModelCatalog.Find(m)?.Id ?? m, new HashSet<string> { GenerationTypes.Text, GenerationTypes.FirstFrame, GenerationTypes.FirstLast }, 1));
        Add<OpenAiCompatibleOptions>(services, config, OpenAiCompatibleOptions.Section, entries, (sp, o) =>
            (new OpenAiCompatibleProvider(Client(), o, Ffmpeg(sp), Log<OpenAiCompatibleProvider>(sp), Clock(sp)),
             m => ModelMap.Lookup(o.Value.Models, m), new HashSet<string> { GenerationTypes.Text, GenerationTypes.FirstFrame, Tasks.Sequels.SequelTypes.Remix }, 1));
        services.AddSingleton(sp => new ProviderRegistry(entries.Select(e => e(sp)).ToList(), sp.GetRequiredService<Billing.Pricing>(), Clock(sp)));
        services.AddSingleton<Worker.RemoteRun>();
        return services;
    }

    /// Whether an adapter is registered is decided while services are registered, so `Enabled`
    /// is read from configuration there (false when absent, as in RemoteProviderOptions); its
    /// options, routing settings included, come through the options pattern and are checked at start.
    static void Add<TOptions>(IServiceCollection services, IConfiguration config, string section, List<Func<IServiceProvider, RemoteEntry>> entries,
        Func<IServiceProvider, IOptions<TOptions>, (IRemoteProvider Provider, Func<string, string?> UpstreamId, IReadOnlySet<string> Types, int MaxN)> make)
        where TOptions : RemoteProviderOptions
    {
        if (!config.GetValue<bool>($"{section}:{nameof(RemoteProviderOptions.Enabled)}")) return;
        services.AddOptions<TOptions>().BindConfiguration(section).Check(o => o.Problem(section)).ValidateOnStart();
        entries.Add(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TOptions>>();
            var (provider, upstream, types, maxN) = make(sp, options);
            // Veo (Gemini API and Vertex AI) renders 24 fps whatever it is asked (docs/providers-veo-notes.md).
            return new RemoteEntry(provider, options.Value, upstream, types, maxN, provider is GeminiProvider or VertexProvider ? 24 : null);
        });
    }

    static HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    { Timeout = Timeout.InfiniteTimeSpan };

    static FfmpegRunner Ffmpeg(IServiceProvider sp) => sp.GetRequiredService<FfmpegRunner>();
    static TimeProvider Clock(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();
    static ILogger<T> Log<T>(IServiceProvider sp) => sp.GetRequiredService<ILogger<T>>();
}
