using System.Diagnostics;
using System.Net.Http.Headers;
using Reelgate.Server.Files;

namespace Reelgate.Server.Webhooks;

/// One POST of a signed payload. Connects only to addresses it vets itself (GuardedConnector:
/// resolve, check, then connect to the checked address), follows no redirects, and gives up
/// after Webhooks:TimeoutSeconds from connect to the last byte.
internal sealed class DeliverySender : IDisposable
{
    const int KeepBodyChars = 1024;
    readonly HttpClient client;
    readonly TimeSpan timeout;

    public DeliverySender(WebhooksOptions options)
    {
        timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var guard = new GuardedConnector(ip => !options.AllowPrivateNetworks && IpAddressPolicy.IsForbidden(ip));
        client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = guard.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 64,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Reelgate-Webhooks/1");
    }

    public sealed record Outcome(int? StatusCode, string? Error, string? Body, long DurationMs);

    public async Task<Outcome> SendAsync(string url, byte[] body, IEnumerable<(string Name, string Value)> headers, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var text = await ReadSomeAsync(response, cts.Token);
            return new((int)response.StatusCode, null, text, Elapsed(started));
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new(null, $"timeout: no complete answer within {timeout.TotalSeconds:0.#} s", null, Elapsed(started));
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is ForbiddenAddressException f ? f.Message : e.Message;
            return new(null, $"connection failed: {reason}", null, Elapsed(started));
        }
    }

    static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream);
        var buffer = new char[KeepBodyChars];
        var n = await reader.ReadBlockAsync(buffer, ct);
        return new string(buffer, 0, n);
    }

    static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    public void Dispose() => client.Dispose();
}
