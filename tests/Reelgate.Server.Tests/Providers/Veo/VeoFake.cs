using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Tests.Providers.Veo;

/// A loopback stand-in for a Google API: it expects an exact script of requests, checks each
/// one (method, path and query, headers, JSON body against a recorded file) and answers with a
/// recorded response. Problems are collected; Verify() fails the test with them.
public sealed class VeoFake : IAsyncDisposable
{
    public sealed record Request(string Method, string Target, NameValueCollection Headers, string Body)
    {
        public string? Header(string name) => Headers[name];
    }

    /// An answer: a recorded file (placeholders filled), literal text, or raw bytes.
    public sealed record Reply(int Status, string? File = null, string? Text = null, byte[]? Bytes = null, int DelayMs = 0,
        string ContentType = "application/json; charset=UTF-8", IReadOnlyDictionary<string, string>? Headers = null)
    {
        public static Reply Json(string file, int status = 200) => new(status, File: file);
    }

    sealed record Step(string Method, string Target, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> AbsentHeaders,
        string? BodyFile, Func<Request, string?>? Check, Reply Reply);

    readonly HttpListener listener = new();
    readonly Task loop;
    readonly ConcurrentQueue<Step> script = new();
    readonly ConcurrentQueue<string> problems = new();

    public ConcurrentQueue<Request> Received { get; } = new();

    /// Values for {{NAME}} placeholders in recorded files; BASE_URL is this fake's own.
    public Dictionary<string, string> Vars { get; } = new();

    public string BaseUrl { get; }

    VeoFake(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}";
        Vars["BASE_URL"] = BaseUrl;
        listener.Prefixes.Add($"{BaseUrl}/");
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

    /// Another test may take a port between the probe and the listener's start: try again.
    public static VeoFake Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return new VeoFake(Support.Ports.Free()); }
            catch (HttpListenerException) when (attempt < 5) { }
        }
    }

    /// A loopback address that refuses connections for as long as it is held: the port is bound
    /// but never listened on, so no other test's server can take it meanwhile.
    public static ClosedPort Refusing() => new();

    public sealed class ClosedPort : IDisposable
    {
        readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        public ClosedPort()
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}";
        }

        public string BaseUrl { get; }

        public void Dispose() => socket.Dispose();
    }

    public VeoFake Expect(string method, string target, Reply reply, IReadOnlyDictionary<string, string>? headers = null,
        string? bodyFile = null, IReadOnlyList<string>? absentHeaders = null, Func<Request, string?>? check = null)
    {
        script.Enqueue(new Step(method, target, headers ?? new Dictionary<string, string>(), absentHeaders ?? [], bodyFile, check, reply));
        return this;
    }

    /// Fails with every mismatch seen, and with any expected request that never came.
    public void Verify()
    {
        var all = problems.ToList();
        all.AddRange(script.Select(s => $"expected {s.Method} {s.Target}, which never came"));
        Assert.True(all.Count == 0, string.Join("\n", all));
    }

    async Task HandleAsync(HttpListenerContext ctx)
    {
        try
        {
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            var request = new Request(ctx.Request.HttpMethod, ctx.Request.RawUrl ?? "", ctx.Request.Headers, await reader.ReadToEndAsync());
            Received.Enqueue(request);
            if (!script.TryDequeue(out var step))
            {
                problems.Enqueue($"unexpected {request.Method} {request.Target}");
                await WriteAsync(ctx, new Reply(418, Text: "{}"));
                return;
            }
            var trouble = Check(step, request);
            if (trouble is not null)
            {
                problems.Enqueue($"{step.Method} {step.Target}: {trouble}");
                await WriteAsync(ctx, new Reply(418, Text: "{}"));
                return;
            }
            await WriteAsync(ctx, step.Reply);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up first (a time-limit test).
        }
    }

    string? Check(Step step, Request request)
    {
        if (request.Method != step.Method || request.Target != step.Target)
            return $"got {request.Method} {request.Target}";
        foreach (var (name, value) in step.Headers)
            if (request.Header(name) != value) return $"header {name} was '{request.Header(name)}'";
        foreach (var name in step.AbsentHeaders)
            if (request.Header(name) is not null) return $"header {name} must not be sent";
        if (step.BodyFile is not null)
        {
            if (request.Header("Content-Type") is not { } type || !type.StartsWith("application/json", StringComparison.Ordinal))
                return $"content type was '{request.Header("Content-Type")}'";
            var expected = JsonNode.Parse(Render(step.BodyFile));
            JsonNode? actual;
            try { actual = JsonNode.Parse(request.Body); }
            catch (Exception e) { return $"body is not JSON: {e.Message}"; }
            if (!JsonNode.DeepEquals(expected, actual))
                return $"body differs from {step.BodyFile}\n expected: {expected?.ToJsonString()}\n actual:   {actual?.ToJsonString()}";
        }
        return step.Check?.Invoke(request);
    }

    async Task WriteAsync(HttpListenerContext ctx, Reply reply)
    {
        if (reply.DelayMs > 0) await Task.Delay(reply.DelayMs);
        var bytes = reply.Bytes ?? Encoding.UTF8.GetBytes(reply.File is not null ? Render(reply.File) : reply.Text ?? "");
        ctx.Response.StatusCode = reply.Status;
        ctx.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            if (name == "Location") ctx.Response.RedirectLocation = value;
            else ctx.Response.Headers[name] = value;
        }
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
        ctx.Response.Close();
    }

    public string Render(string file) => VeoTestData.Render(file, Vars);

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
