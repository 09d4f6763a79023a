namespace Reelgate.Server.Accounts;

internal static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.AdminKey is null || o.AdminKey.Length == 0 || o.AdminKey.Length >= 16, "Auth:AdminKey must be at least 16 characters")
            .Validate(o => o.LastUsedFlushSeconds > 0, "Auth:LastUsedFlushSeconds must be positive")
            .ValidateOnStart();
        services.AddSingleton<KeyCache>();
        services.AddSingleton<LastUsedTracker>();
        services.AddHostedService<LastUsedFlusher>();
        services.AddSingleton<Tiers>();
        services.AddSingleton<Billing.Pricing>();
        return services;
    }
}
