using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Tests.Support;

/// A webhook receiver on loopback. Records every request; answers with what Respond decides
/// from the request and how many times its webhook-id was seen before (0 on the first attempt).
public sealed class WebhookReceiver : IAsyncDisposable
{
    readonly HttpListener listener = new();
    readonly Task loop;

    public sealed record Received(string Path, string? Id, string? Timestamp, string? Signature, string? Legacy, byte[] Body, int Answered, DateTime At)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;
        public string Type => Json["type"]!.GetValue<string>();
        public string? TaskId => Json["data"]?["id"]?.GetValue<string>();

        /// Every header as received (dialects sign with headers of their own).
        public IReadOnlyDictionary<string, string?> Headers { get; init; } = new Dictionary<string, string?>();
    }

    public sealed record Answer(int Status, int DelayMs = 0, string? Location = null);

    public ConcurrentQueue<Received> Requests { get; } = new();
    readonly ConcurrentDictionary<string, int> seen = new();

    /// (path, times this webhook-id was seen before) → answer. Default: 200.
    public Func<string, int, Answer> Respond { get; set; } = (_, _) => new Answer(200);

    WebhookReceiver(int port)
    {
        Url = $"http://127.0.0.1:{port}/hook";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch (Exception) { return; }
                _ = Task.Run(() => HandleAsync(ctx));
            }
        });
    }

    async Task HandleAsync(HttpListenerContext ctx)
    {
        try
        {
            using var ms = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(ms);
            var id = ctx.Request.Headers["webhook-id"];
            var before = id is null ? 0 : seen.AddOrUpdate(id, 1, (_, n) => n + 1) - 1;
            var answer = Respond(ctx.Request.Url!.AbsolutePath, before);
            Requests.Enqueue(new Received(ctx.Request.Url.AbsolutePath, id, ctx.Request.Headers["webhook-timestamp"], ctx.Request.Headers["webhook-signature"],
                ctx.Request.Headers["X-Reelgate-Signature"], ms.ToArray(), answer.Status, DateTime.UtcNow)
            { Headers = ctx.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => ctx.Request.Headers[k], StringComparer.OrdinalIgnoreCase) });
            if (answer.DelayMs > 0) await Task.Delay(answer.DelayMs);
            ctx.Response.StatusCode = answer.Status;
            if (answer.Location is not null) ctx.Response.RedirectLocation = answer.Location;
            ctx.Response.Close();
        }
        catch (Exception) { /* the sender gave up: nothing to answer */ }
    }

    public string Url { get; }

    /// Accepted (2xx) deliveries.
    public List<Received> Accepted => Requests.Where(r => r.Answered is >= 200 and < 300).ToList();

    public async Task<List<Received>> WaitForAsync(Func<List<Received>, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var all = Requests.ToList();
            if (done(all)) return all;
            await Task.Delay(50);
        }
        throw new TimeoutException($"the receiver got {Requests.Count} request(s): {string.Join(", ", Requests.Select(r => $"{r.Id}→{r.Answered}"))}");
    }

    public static Task<WebhookReceiver> StartAsync()
    {
        var port = Ports.Free();
        return Task.FromResult(new WebhookReceiver(port));
    }

    /// Standard Webhooks verification, written from the spec rather than with the server's code.
    public static bool Verifies(Received r, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{r.Id}.{r.Timestamp}.").Concat(r.Body).ToArray();
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return r.Signature!.Split(' ').Contains(expected);
    }

    public static bool LegacyVerifies(Received r, string secret) =>
        r.Legacy == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), r.Body));

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try { await loop; } catch (Exception) { }
    }
}
