using Amazon.Runtime;
using Amazon.S3;

namespace Reelgate.Server.Storage;

internal static class S3ClientFactory
{
    /// A client for ServiceUrl when one is set (MinIO, R2, s3rver, ...), else for AWS in Region.
    /// Without an access key the SDK's usual credential chain applies (environment, profile, role).
    public static AmazonS3Client Create(S3Options options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl)) config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
            // The SDK's default extra CRC checksums (since 2025) are refused by several S3-compatible
            // stores (R2, B2, older MinIO); AWS itself keeps them.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
