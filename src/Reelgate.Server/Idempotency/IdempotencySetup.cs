namespace Reelgate.Server.Idempotency;

internal static class IdempotencySetup
{
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section)
            .Validate(o => o.RetentionHours > 0 && o.WaitSeconds >= 0 && o.ProcessingTimeoutSeconds > 0, "Idempotency settings must be positive")
            .ValidateOnStart();
        return services;
    }
}
