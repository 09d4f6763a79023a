using Microsoft.Extensions.Options;
using Reelgate.Server.Setup;

namespace Reelgate.Server.Webhooks;

internal static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration config, bool workerRole)
    {
        services.AddOptions<WebhooksOptions>().BindConfiguration(WebhooksOptions.Section).Check(o => o.Problem()).ValidateOnStart();
        // The delivery code takes the options object itself.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebhooksOptions>>().Value);
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<Outbox>();
        // Whether the worker runs is decided while services are registered, so the flag is read
        // here, defaulting to the class's own default.
        if (workerRole && config.GetValue($"{WebhooksOptions.Section}:{nameof(WebhooksOptions.Deliver)}", new WebhooksOptions().Deliver))
            services.AddHostedService<DeliveryWorker>();
        return services;
    }
}
