using System.Security.Cryptography;

namespace Reelgate.Server.Http;

/// Every response carries X-Request-Id; a client's own id is kept when it is sane, so retries
/// and logs line up. The same id is the trace_id in error bodies.
internal static class RequestIds
{
    public const string Header = "X-Request-Id";

    public static void UseRequestIds(this WebApplication app) => app.Use((ctx, next) =>
    {
        var incoming = ctx.Request.Headers[Header].ToString();
        ctx.TraceIdentifier = IsSane(incoming) ? incoming : "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        ctx.Response.Headers[Header] = ctx.TraceIdentifier;
        return next(ctx);
    });

    static bool IsSane(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
