namespace Reelgate.Server.Webhooks;

internal static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration config, bool workerRole)
    {
        var options = WebhooksOptions.FromConfiguration(config);
        services.AddSingleton(options);
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<Outbox>();
        if (workerRole && options.Deliver) services.AddHostedService<DeliveryWorker>();
        return services;
    }
}
