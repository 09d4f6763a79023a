using Reelgate.Server.Setup;

namespace Reelgate.Server.Links;

internal static class LinksSetup
{
    public static IServiceCollection AddLinks(this IServiceCollection services)
    {
        services.AddOptions<LinksOptions>().BindConfiguration(LinksOptions.Section).Check(o => o.Problem()).ValidateOnStart();
        services.AddSingleton<LinkKey>();
        services.AddSingleton<SignedLinks>();
        return services;
    }
}
