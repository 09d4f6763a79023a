using System.Globalization;

namespace Reelgate.Server.Catalog;

/// The answer to a create for a deprecated or shut-down model says so in headers any HTTP client
/// can read: `Deprecation` (RFC 9745: `@` and Unix seconds), `Sunset` (RFC 8594: an HTTP-date) and
/// a `Link` to the model that replaces it. Every surface's create can call this with its draft's choice.
internal static class ModelHeaders
{
    public static void Apply(IHeaderDictionary headers, ModelChoice? choice)
    {
        if (choice is null) return;
        if (choice.Deprecation is { } deprecated)
            headers["Deprecation"] = "@" + deprecated.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (choice.Sunset is { } sunset) headers["Sunset"] = sunset.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
        if (choice.Requested.Lifecycle.Replacement is { } next) headers.Link = $"</v1/models/{next}>; rel=\"successor-version\"";
    }
}
