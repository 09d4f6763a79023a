using Microsoft.Extensions.Options;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Local;
using Reelgate.Server.Storage;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Media;

internal static class MediaSetup
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.FfmpegPath) && !string.IsNullOrWhiteSpace(o.FfprobePath), "Media:FfmpegPath and Media:FfprobePath must name programs")
            .Validate(o => Renditions.RenditionPresets.Problem(o.Presets) is null, "Media:Presets: each of h264, hevc (an x264/x265 preset name), av1 (0-13) and vp9 (0-8) takes a preset its encoder knows")
            .ValidateOnStart();
        services.AddSingleton<FfmpegCheck>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new FfmpegRunner(o.FfmpegPath, o.FfprobePath);
        });
        services.AddSingleton(sp => new MediaProbe(sp.GetRequiredService<FfmpegRunner>()));
        services.AddSingleton(sp => new Renditions.RenditionRenderer(sp.GetRequiredService<FfmpegRunner>(),
            sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<IOptions<MediaOptions>>().Value.Presets));
        services.AddSingleton<Hls.HlsPackager>();
        services.AddSingleton(sp => new LocalEngine(
            sp.GetRequiredService<FfmpegRunner>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.RenderTimeoutSeconds),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ScratchRoot));
        services.AddOptions<Providers.Fake.FakeProviderOptions>().BindConfiguration(Providers.Fake.FakeProviderOptions.Section)
            .Validate(o => o.LatencyMs >= 0, "Providers:Fake:LatencyMs must be 0 or more")
            .ValidateOnStart();
        services.AddSingleton<LocalProvider>();
        services.AddSingleton<Providers.Fake.FakeProvider>();
        services.AddSingleton<IVideoProvider>(sp => sp.GetRequiredService<IOptions<Providers.Fake.FakeProviderOptions>>().Value.Enabled
            ? sp.GetRequiredService<Providers.Fake.FakeProvider>()
            : sp.GetRequiredService<LocalProvider>());
        return services;
    }
}
