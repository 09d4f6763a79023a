using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Providers.Veo;

/// An upstream answer, or Failure when none came (connection refused, reset, time limit).
internal sealed record VeoAnswer(int Status, string Body, TimeSpan RetryAfter, string? Failure = null)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// The HTTP side both Veo adapters share: JSON calls with a time limit and a cap on calls in
/// flight, and downloads that follow redirects by hand so credentials only go to the API's host.
/// The HttpClient's handler should not follow redirects itself (AllowAutoRedirect = false).
internal sealed class VeoHttp(HttpClient http, TimeSpan timeout, int maxConcurrency, TimeSpan defaultWait, TimeProvider clock)
{
    const int MaxRedirects = 5;
    const int DownloadAttempts = 3;
    readonly SemaphoreSlim slots = new(Math.Max(1, maxConcurrency));

    public async Task<VeoAnswer> SendJsonAsync(HttpMethod method, string url, JsonNode? body, Action<HttpRequestMessage> authorize, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        try
        {
            using var limit = new CancellationTokenSource(timeout, clock);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
            using var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            authorize(request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var text = await response.Content.ReadAsStringAsync(cts.Token);
            return new VeoAnswer((int)response.StatusCode, text, VeoErrors.RetryAfter(response.Headers.RetryAfter, clock.GetUtcNow(), defaultWait));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new VeoAnswer(0, "", defaultWait, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new VeoAnswer(0, "", defaultWait, $"connection failed: {e.Message}");
        }
        finally { slots.Release(); }
    }

    /// GETs uri into path. `authorize` is applied only while the URL is on a trusted host; a
    /// redirect elsewhere (the documented hop to Google's storage) is followed without it.
    /// Throttling, outages and broken connections are retried a few times.
    public async Task DownloadAsync(Uri uri, Func<Uri, bool> trusted, Action<HttpRequestMessage> authorize, string path, TimeSpan limit, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (problem, retryable, wait) = await TryDownloadAsync(uri, trusted, authorize, path, limit, ct);
            if (problem is null) return;
            if (!retryable || attempt == DownloadAttempts)
                throw new ProviderException("upstream_download_failed", $"Downloading a result failed: {problem}.");
            await Task.Delay(wait, clock, ct);
        }
    }

    async Task<(string? Problem, bool Retryable, TimeSpan Wait)> TryDownloadAsync(
        Uri uri, Func<Uri, bool> trusted, Action<HttpRequestMessage> authorize, string path, TimeSpan limit, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        try
        {
            using var timer = new CancellationTokenSource(limit, clock);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
            var (status, wait) = await GetToFileAsync(uri, trusted, authorize, path, cts.Token);
            return status == 200 ? (null, false, TimeSpan.Zero) : ($"HTTP {status}", status is 408 or 429 or >= 500, wait);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ($"no complete answer within {limit.TotalSeconds:0.#} s", true, defaultWait);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return ($"connection failed: {e.Message}", true, defaultWait);
        }
        finally { slots.Release(); }
    }

    async Task<(int Status, TimeSpan Wait)> GetToFileAsync(Uri uri, Func<Uri, bool> trusted, Action<HttpRequestMessage> authorize, string path, CancellationToken ct)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (trusted(uri)) authorize(request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } next && hop < MaxRedirects)
            {
                uri = next.IsAbsoluteUri ? next : new Uri(uri, next);
                if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                    throw new ProviderException("upstream_download_failed", "A result download was redirected to a non-HTTP address.");
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
                return (status, VeoErrors.RetryAfter(response.Headers.RetryAfter, clock.GetUtcNow(), defaultWait));
            await using (var file = File.Create(path))
                await response.Content.CopyToAsync(file, ct);
            return (status, TimeSpan.Zero);
        }
    }

    public static Action<HttpRequestMessage> Header(string name, string value) => r => r.Headers.TryAddWithoutValidation(name, value);

    public static Action<HttpRequestMessage> Bearer(string token) => r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
