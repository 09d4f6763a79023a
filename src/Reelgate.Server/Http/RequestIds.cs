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
        ctx.TraceIdentifier = IsSane(incoming) ? incoming : Next();
        ctx.Response.Headers[Header] = ctx.TraceIdentifier;
        return next(ctx);
    });

    // A random per-process prefix and a counter: unique across processes and restarts without
    // asking the random generator on every request.
    static readonly string Prefix = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    static long counter;

    static string Next() => string.Create(Prefix.Length + 16, Interlocked.Increment(ref counter), (span, n) =>
    {
        Prefix.AsSpan().CopyTo(span);
        n.TryFormat(span[Prefix.Length..], out _, "x16");
    });

    static bool IsSane(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
