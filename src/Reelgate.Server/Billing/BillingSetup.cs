namespace Reelgate.Server.Billing;

internal static class BillingSetup
{
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddSingleton<UsageCache>();
        return services;
    }
}
