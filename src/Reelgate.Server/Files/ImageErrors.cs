namespace Reelgate.Server.Files;

/// Stable error codes for image input failures; clients see these, so never rename them.
internal static class ImageErrors
{
    public const string UrlInvalid = "image_url_invalid";
    public const string UrlForbidden = "image_url_forbidden";
    public const string FetchFailed = "image_fetch_failed";
    public const string FetchTimeout = "image_fetch_timeout";
    public const string TooLarge = "image_too_large";
    public const string InvalidImage = "invalid_image";
    public const string DataUrlMalformed = "data_url_malformed";
    public const string DataUrlNotBase64 = "data_url_not_base64";
    public const string DataUrlInvalidBase64 = "data_url_invalid_base64";
}
