namespace Reelgate.Server.Accounts;

internal static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.AdminKey) || o.AdminKey.Length >= AuthOptions.AdminKeyMinLength,
                $"Auth:AdminKey must be at least {AuthOptions.AdminKeyMinLength} characters (or unset, to have one generated)")
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
