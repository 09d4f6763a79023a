namespace Reelgate.Server.Storage;

internal static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Storage:Root must name a folder")
            .Validate(o => o.RetentionHours > 0, "Storage:RetentionHours must be positive")
            .ValidateOnStart();
        services.AddSingleton<IBlobStore, FileSystemBlobStore>();
        return services;
    }
}
