using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Providers.Upstream;

/// One upstream answer, read whole within the request's time limit. RetryAfter is taken from the
/// headers before the response is disposed.
internal sealed record UpstreamAnswer(int Status, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// Gateways and proxies answer errors in HTML too; those read as null.
    public JsonNode? Json()
    {
        try { return JsonNode.Parse(Body); }
        catch (JsonException) { return null; }
    }
}

/// Nothing came back: no connection, a reset, or our own time limit. Never the caller's cancellation.
internal sealed class UpstreamUnreachableException(string message, Exception inner) : Exception(message, inner);

/// HTTP habits the self-hosted adapters share (OpenAI-compatible servers and ComfyUI): a time
/// limit per request, how long the upstream asked us to wait, and which status is which of our
/// error codes.
internal static class UpstreamHttp
{
    /// An upstream asking for more than this is treated as asking for this: a worker must come
    /// back to its operation eventually.
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(15);

    public static async Task<UpstreamAnswer> SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var retryAfter = RetryAfter(response.Headers, time.GetUtcNow());
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            return new UpstreamAnswer((int)response.StatusCode, body, retryAfter);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamUnreachableException($"the upstream did not answer within {timeout.TotalSeconds:0.#} s", e);
        }
        catch (HttpRequestException e)
        {
            // The message of e names the host and port; the code alone is enough for a client.
            throw new UpstreamUnreachableException($"the upstream could not be reached ({e.HttpRequestError})", e);
        }
    }

    /// Streams a body to a file. Returns the status; the file holds the body only on a 2xx.
    public static async Task<int> DownloadAsync(HttpClient http, HttpRequestMessage request, string path, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode) return (int)response.StatusCode;
            await using var file = File.Create(path);
            await response.Content.CopyToAsync(file, limit.Token);
            return (int)response.StatusCode;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamUnreachableException($"the download did not finish within {timeout.TotalSeconds:0.#} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new UpstreamUnreachableException($"the upstream could not be reached ({e.HttpRequestError})", e);
        }
    }

    /// `retry-after-ms` (OpenAI's) wins over `Retry-After`, which is seconds or an HTTP date.
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        TimeSpan? wait = null;
        if (headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            wait = TimeSpan.FromMilliseconds(millis);
        else if (headers.RetryAfter?.Delta is { } delta)
            wait = delta;
        else if (headers.RetryAfter?.Date is { } date)
            wait = date > now ? date - now : TimeSpan.Zero;
        return wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }

    /// What a refused submit means for the router: nothing started upstream in any of these cases.
    public static ProviderException SubmitError(int status, string message) => status switch
    {
        400 or 413 or 415 or 422 => new ProviderException("invalid_request", message, accepted: false),
        401 or 403 => new ProviderException("provider_auth_failed", message, accepted: false),
        429 => new ProviderException("provider_rate_limited", message, accepted: false),
        _ => new ProviderException("provider_unavailable", message, accepted: false),
    };

    /// While polling, only these mean "ask again later".
    public static bool IsTransient(int status) => status is 408 or 425 or 429 or >= 500;

    public static void Authorize(HttpRequestMessage request, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }
}
