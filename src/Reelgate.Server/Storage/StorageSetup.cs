using Reelgate.Server.Setup;

namespace Reelgate.Server.Storage;

internal static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Storage:Root must name a folder")
            .Validate(o => o.RetentionHours > 0, "Storage:RetentionHours must be positive")
            .Validate(o => o.Provider is StorageOptions.FileSystem or StorageOptions.S3Provider, "Storage:Provider must be filesystem or s3")
            .Validate(o => o.Provider != StorageOptions.S3Provider || !string.IsNullOrWhiteSpace(o.S3.Bucket), "Storage:S3:Bucket is required with the s3 provider")
            .Check(o => o.Provider == StorageOptions.S3Provider && o.S3.Validate() is { } problem ? $"Storage:{problem}" : null)
            .ValidateOnStart();
        services.AddSingleton<IBlobStore>(sp =>
        {
            var o = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>();
            return o.Value.Provider == StorageOptions.S3Provider ? new S3BlobStore(o.Value.S3) : new FileSystemBlobStore(o);
        });
        return services;
    }
}
