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
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section);
        services.AddSingleton<FfmpegCheck>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new FfmpegRunner(o.FfmpegPath, o.FfprobePath);
        });
        services.AddSingleton(sp => new MediaProbe(sp.GetRequiredService<FfmpegRunner>()));
        services.AddSingleton(sp => new LocalEngine(
            sp.GetRequiredService<FfmpegRunner>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.RenderTimeoutSeconds),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ScratchRoot));
        services.AddOptions<Providers.Fake.FakeProviderOptions>().BindConfiguration(Providers.Fake.FakeProviderOptions.Section);
        services.AddSingleton<LocalProvider>();
        services.AddSingleton<Providers.Fake.FakeProvider>();
        services.AddSingleton<IVideoProvider>(sp => sp.GetRequiredService<IOptions<Providers.Fake.FakeProviderOptions>>().Value.Enabled
            ? sp.GetRequiredService<Providers.Fake.FakeProvider>()
            : sp.GetRequiredService<LocalProvider>());
        return services;
    }
}
