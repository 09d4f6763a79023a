using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reelgate.Server.Tests.Providers.OpenAiCompatible;

/// One request as the fake upstream saw it; multipart bodies are parsed into fields and files.
public sealed record Received(
    string Method, string Path, string Query, string? Authorization, string? ContentType, byte[] Body,
    IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, ReceivedFile> Files)
{
    public string Route => $"{Method} {Path}";

    public string Text => Encoding.UTF8.GetString(Body);
}

public sealed record ReceivedFile(string FileName, string? ContentType, byte[] Bytes);

/// What the fake answers: a recorded body, a status, headers, and optionally a stall first.
public sealed record Reply(int Status, byte[] Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    /// A recorded answer from TestData.
    public static Reply File(string recorded, int status = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, Recorded.Bytes(recorded), "application/json", headers);

    public static Reply Media(byte[] bytes, string contentType) => new(200, bytes, contentType);

    public static Reply Html(int status) => new(status, Encoding.UTF8.GetBytes("<html><body>Bad Gateway</body></html>"), "text/html");
}

/// A real HTTP server on 127.0.0.1 for one test: every request is recorded, and answered by the
/// next reply scripted for its route ("GET /v1/videos/{id}"), else by the route's standing reply.
/// An unscripted request gets a 599 so a test can never pass on an answer it did not choose.
public sealed class ScriptedUpstream : IAsyncDisposable
{
    readonly WebApplication app;
    readonly Func<Received, string> route;
    readonly Func<Received, string, Reply?> validate;
    readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> scripted = new();
    readonly ConcurrentDictionary<string, Reply> standing = new();

    ScriptedUpstream(WebApplication app, Func<Received, string> route, Func<Received, string, Reply?> validate)
    {
        this.app = app;
        this.route = route;
        this.validate = validate;
    }

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<Received> Requests { get; } = new();

    public IReadOnlyList<Received> RequestsTo(string routeName) => Requests.Where(r => route(r) == routeName).ToList();

    /// route: the route name of a request; validate: the upstream's own refusal of a malformed
    /// request (as the real server would answer it), or null to answer from the script.
    public static async Task<ScriptedUpstream> StartAsync(Func<Received, string> route, Func<Received, string, Reply?> validate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var upstream = new ScriptedUpstream(app, route, validate);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        upstream.BaseUrl = app.Urls.Single();
        return upstream;
    }

    public void Enqueue(string routeName, params Reply[] replies)
    {
        var queue = scripted.GetOrAdd(routeName, _ => new ConcurrentQueue<Reply>());
        foreach (var reply in replies) queue.Enqueue(reply);
    }

    public void Always(string routeName, Reply reply) => standing[routeName] = reply;

    async Task HandleAsync(HttpContext context)
    {
        var received = await ReadAsync(context.Request);
        Requests.Enqueue(received);
        var name = route(received);
        var reply = validate(received, name)
            ?? (scripted.TryGetValue(name, out var queue) && queue.TryDequeue(out var next) ? next : null)
            ?? standing.GetValueOrDefault(name)
            ?? new Reply(599, Encoding.UTF8.GetBytes($"unscripted request: {received.Route}"), "text/plain");
        if (reply.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(reply.Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (header, value) in reply.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[header] = value;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }

    static async Task<Received> ReadAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        request.Body.Position = 0;
        var fields = new Dictionary<string, string>();
        var files = new Dictionary<string, ReceivedFile>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form) fields[key] = value.ToString();
            foreach (var file in form.Files)
            {
                using var bytes = new MemoryStream();
                await file.CopyToAsync(bytes);
                files[file.Name] = new ReceivedFile(file.FileName, file.ContentType, bytes.ToArray());
            }
        }
        return new Received(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
            request.Headers.Authorization.FirstOrDefault(), request.ContentType, buffer.ToArray(), fields, files);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
