using System.Globalization;
using Reelgate.Server.Accounts;
using Reelgate.Server.Http;

namespace Reelgate.Server.Limits;

/// Requests per minute per API key (the token bucket of the key's tier), after ApiKeyFilter.
/// A limited key's every answer says where it stands (X-RateLimit-Limit/-Remaining/-Reset); over
/// the limit it gets a 429 with Retry-After (whole seconds) and retry-after-ms. A tier without a
/// rate (`unlimited`) costs two dictionary lookups: no bucket, no headers. Buckets are per process
/// (see RateBuckets).
internal sealed class RateLimitFilter(Tiers tiers, RateBuckets buckets) : IEndpointFilter
{
    // The limit and the reset time repeat from one request to the next: reuse their text.
    static readonly NumberText LimitText = new(), ResetText = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = Caller.From(http);
        if (BucketRate.For(tiers.For(caller.Tier)) is not { } rate) return next(context);

        var take = buckets.Take(caller.KeyId, rate);
        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = LimitText.Of(rate.PerMinute);
        headers["X-RateLimit-Remaining"] = take.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = ResetText.Of(buckets.UnixSecondsIn(take.UntilFull));
        if (take.Allowed) return next(context);

        var (seconds, ms) = RetryAfter(take.UntilNext);
        headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        headers["retry-after-ms"] = ms.ToString(CultureInfo.InvariantCulture);
        var message = $"Rate limit exceeded: the '{caller.Tier}' tier allows {rate.PerMinute} requests per minute with bursts of {rate.Capacity}. Retry after {seconds} s.";
        return ValueTask.FromResult<object?>(Problems.Result(new ApiError(429, "rate_limit_exceeded", message)));
    }

    /// Whole seconds (rounded up, at least 1) and milliseconds (rounded up) until a token is there.
    public static (long Seconds, long Ms) RetryAfter(double untilNext) =>
        (Math.Max(1, (long)Math.Ceiling(untilNext)), Math.Max(1, (long)Math.Ceiling(untilNext * 1000)));

    sealed class NumberText
    {
        sealed record Entry(long Value, string Text);
        Entry last = new(0, "0");

        public string Of(long value)
        {
            var e = last;
            if (e.Value == value) return e.Text;
            last = e = new Entry(value, value.ToString(CultureInfo.InvariantCulture));
            return e.Text;
        }
    }
}
