using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Providers.OpenAiCompatible;

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
/// limit per request, how long the upstream asked us to wait, which status is which of our error
/// codes on submit, and keeping the API key out of every text we produce.
internal static class UpstreamHttp
{
    /// An upstream asking for more than this is treated as asking for this: a worker must come
    /// back to its operation eventually.
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(15);

    const int MaxMessageChars = 500;

    public static async Task<UpstreamAnswer> SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
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
    public static async Task<int> DownloadAsync(HttpClient http, HttpRequestMessage request, string path, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
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

    /// The upstream's own words for a refusal: `error.message`, an error that is a plain string,
    /// or the body itself, but never a proxy's HTML page. Short and key-free.
    public static string Detail(UpstreamAnswer answer, string? secret)
    {
        var error = answer.Json().Field("error");
        var text = Str(error.Field("message")) ?? Str(error) ?? (answer.Body.TrimStart().StartsWith('<') ? null : answer.Body);
        return Clean(text, secret);
    }

    /// While polling, only these mean "ask again later".
    public static bool IsTransient(int status) => status is 408 or 409 or 425 or 429 or >= 500;

    /// Upstreams echo keys back ("Incorrect API key provided: sk-…"); no text of ours carries one.
    public static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "[redacted]", StringComparison.Ordinal);

    /// A short, single-line, key-free version of an upstream's message.
    public static string Clean(string? text, string? secret)
    {
        var oneLine = string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var safe = Redact(oneLine, secret);
        return safe.Length <= MaxMessageChars ? safe : safe[..MaxMessageChars] + "…";
    }

    /// A member of an object, or null when the node is missing or not an object: upstream JSON is
    /// read without trusting its shape (JsonNode's own indexer throws on a string or an array).
    public static JsonNode? Field(this JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    /// A string value, or null for anything else (a number, an object, a missing node).
    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static void Authorize(HttpRequestMessage request, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// JPEG, PNG or WebP by their first bytes, for the content type of an uploaded image.
    public static (string MediaType, string Extension) ImageType(ReadOnlySpan<byte> head) =>
        head switch
        {
            [0xFF, 0xD8, 0xFF, ..] => ("image/jpeg", "jpg"),
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => ("image/png", "png"),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ("image/webp", "webp"),
            _ => ("application/octet-stream", "bin"),
        };

    /// Form parts quote name and filename, as browsers send them: some multipart parsers insist.
    public static void AddText(MultipartFormDataContent form, string name, string value)
    {
        var part = new StringContent(value);
        part.Headers.ContentType = null;
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
        form.Add(part);
    }

    public static void AddFile(MultipartFormDataContent form, string name, string fileName, byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(ImageType(bytes).MediaType);
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name), FileName = Quote(fileName) };
        form.Add(part);
    }

    static string Quote(string s) => $"\"{s}\"";
}
