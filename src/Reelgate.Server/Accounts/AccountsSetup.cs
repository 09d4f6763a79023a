namespace Reelgate.Server.Accounts;

internal static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.AdminKey is null || o.AdminKey.Length == 0 || o.AdminKey.Length >= 16, "Auth:AdminKey must be at least 16 characters")
            .ValidateOnStart();
        services.AddSingleton<KeyCache>();
        services.AddSingleton<Tiers>();
        services.AddSingleton<Billing.Pricing>();
        return services;
    }
}
