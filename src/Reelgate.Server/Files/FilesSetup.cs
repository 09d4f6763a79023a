using Microsoft.Extensions.Options;

namespace Reelgate.Server.Files;

internal static class FilesSetup
{
    public static IServiceCollection AddFiles(this IServiceCollection services)
    {
        services.AddOptions<FilesOptions>().BindConfiguration(FilesOptions.Section)
            .Validate(o => o.MaxBytes > 0 && o.FetchTimeoutSeconds > 0, "Files:MaxBytes and Files:FetchTimeoutSeconds must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<FilesOptions>>().Value;
            var fetch = new ImageFetchOptions
            {
                MaxBytes = o.MaxBytes, Timeout = TimeSpan.FromSeconds(o.FetchTimeoutSeconds),
                AllowHttp = o.AllowHttpUrls, AllowPrivateNetworks = o.AllowPrivateNetworks,
            };
            return new ImageFetcher(ImageFetcher.CreateHttpClient(fetch), fetch, sp.GetRequiredService<TimeProvider>());
        });
        services.AddScoped<ImageIntake>();
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f => f.MultipartBodyLengthLimit = 64 * 1024 * 1024);
        return services;
    }
}
