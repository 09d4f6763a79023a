namespace Reelgate.Server.Previews;

internal static class PreviewsSetup
{
    public static IServiceCollection AddPreviews(this IServiceCollection services)
    {
        services.AddOptions<PreviewsOptions>().BindConfiguration(PreviewsOptions.Section)
            .Validate(o => o.TimeoutSeconds is > 0 and <= 3600, "Previews:TimeoutSeconds must be from 1 to 3600").ValidateOnStart();
        services.AddSingleton<PreviewMaker>();
        return services;
    }
}
