using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Tests.Support;

/// Two video APIs on one loopback port, stateful, for tests of the router through a real server:
/// the Gemini API (`/v1beta/models/{m}:predictLongRunning`, operations, file download) and an
/// OpenAI-style `/v1/videos` server. Each job completes after `PollsBeforeDone` polls with a real
/// MP4 made by ffmpeg in the shape the job asked (size, seconds; Gemini: as many samples as asked),
/// so the server's output check passes. `GeminiDown` / `OpenAiDown` make creates answer 503.
public sealed class FakeUpstreams : IAsyncDisposable
{
    readonly HttpListener listener = new();
    readonly ConcurrentDictionary<string, int> polls = new();
    readonly ConcurrentDictionary<string, bool> filtered = new();
    readonly ConcurrentDictionary<string, (ClipShape Shape, int Samples)> asked = new();
    readonly ConcurrentDictionary<string, int> partlyFiltered = new();
    int next;

    public volatile bool GeminiDown, OpenAiDown;
    public int PollsBeforeDone { get; set; } = 2;

    /// What a job delivers, from its request body and the shape it asked: what was asked, unless
    /// a test makes the fake under-deliver (OutputChecks).
    public Func<string, ClipShape, ClipShape> Deliver { get; set; } = (_, asked) => asked;

    /// How many Gemini samples a job delivers, from its request body and the count it asked.
    public Func<string, int, int> Samples { get; set; } = (_, asked) => asked;

    /// A Gemini job whose request contains this text ends filtered by "safety", as Google reports it.
    public const string FilterMarker = "[filter-me]";

    /// A Gemini job whose request contains this text keeps one sample; the filter removed the rest.
    public const string PartialFilterMarker = "[filter-some]";
    public ConcurrentQueue<string> Requests { get; } = new();

    /// Each request's body, by "{method} {path}".
    public ConcurrentDictionary<string, string> Bodies { get; } = new();

    public string Url { get; }

    FakeUpstreams(int port)
    {
        Url = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Url + "/");
        listener.Start();
        for (var i = 0; i < 8; i++) _ = Task.Run(LoopAsync);
    }

    public static Task<FakeUpstreams> StartAsync() => Task.FromResult(new FakeUpstreams(Ports.Free()));

    /// A server's settings for both fakes: Gemini at $0.40/s, the OpenAI-style one cheaper at
    /// $0.10/s (serving veo-3.1-fast as sora-2), both polled every 0.2 to 0.5 s.
    public Dictionary<string, string> BothProviders() => new()
    {
        ["Providers__Gemini__Enabled"] = "true", ["Providers__Gemini__BaseUrl"] = Url, ["Providers__Gemini__ApiKey"] = "gemini-test-key-not-secret",
        ["Providers__Gemini__CostPerSecond"] = "0.40", ["Providers__Gemini__PollSeconds"] = "0.2", ["Providers__Gemini__MaxPollSeconds"] = "0.5",
        ["Providers__OpenAiCompatible__Enabled"] = "true", ["Providers__OpenAiCompatible__BaseUrl"] = Url,
        ["Providers__OpenAiCompatible__ApiKey"] = "openai-test-key-not-secret", ["Providers__OpenAiCompatible__CostPerSecond"] = "0.10",
        ["Providers__OpenAiCompatible__PollSeconds"] = "0.2", ["Providers__OpenAiCompatible__MaxPollSeconds"] = "0.5",
        ["Providers__OpenAiCompatible__Models__veo-3.1-fast-generate-preview"] = "sora-2",
    };

    public int Count(string prefix) => Requests.Count(r => r.StartsWith(prefix, StringComparison.Ordinal));

    async Task LoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await listener.GetContextAsync(); } catch (Exception) { return; }
            try { await HandleAsync(ctx); }
            catch (Exception) { ctx.Response.StatusCode = 500; }
            finally { try { ctx.Response.Close(); } catch (Exception) { } }
        }
    }

    async Task HandleAsync(HttpListenerContext ctx)
    {
        var path = ctx.Request.Url!.AbsolutePath;
        var method = ctx.Request.HttpMethod;
        string body;
        using (var reader = new StreamReader(ctx.Request.InputStream)) body = await reader.ReadToEndAsync();
        Requests.Enqueue($"{method} {path}");
        Bodies[$"{method} {path}"] = body;
        if (method == "POST" && path.StartsWith("/v1beta/models/") && path.EndsWith(":predictLongRunning"))
        {
            if (GeminiDown) { await Json(ctx, 503, """{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}"""); return; }
            var model = path["/v1beta/models/".Length..^":predictLongRunning".Length];
            var name = $"models/{model}/operations/op{Interlocked.Increment(ref next)}";
            if (body.Contains(FilterMarker, StringComparison.Ordinal)) filtered[name] = true;
            var count = JsonNode.Parse(body)?["parameters"]?["sampleCount"]?.GetValue<int>() ?? 1;
            asked[name[(name.LastIndexOf('/') + 1)..]] = (Deliver(body, ClipShape.FromVeo(body)), body.Contains(PartialFilterMarker, StringComparison.Ordinal) ? 1 : Samples(body, count));
            if (body.Contains(PartialFilterMarker, StringComparison.Ordinal)) partlyFiltered[name] = count - 1;
            await Json(ctx, 200, $$"""{"name":"{{name}}"}""");
        }
        else if (method == "GET" && path.StartsWith("/v1beta/models/") && path.Contains("/operations/"))
        {
            var op = path["/v1beta/".Length..];
            if (polls.AddOrUpdate(op, 1, (_, n) => n + 1) <= PollsBeforeDone) { await Json(ctx, 200, $$"""{"name":"{{op}}","done":false}"""); return; }
            if (filtered.ContainsKey(op))
            {
                var blocked = new JsonObject { ["raiMediaFilteredCount"] = 1, ["raiMediaFilteredReasons"] = new JsonArray("The prompt was blocked by the fake's safety filter.") };
                await Json(ctx, 200, new JsonObject { ["name"] = op, ["done"] = true, ["response"] = new JsonObject { ["generateVideoResponse"] = blocked } }.ToJsonString());
                return;
            }
            var id = op[(op.LastIndexOf('/') + 1)..];
            var uri = $"{Url}/v1beta/files/{id}:download?alt=media";
            var samples = new JsonArray([.. Enumerable.Range(0, asked.TryGetValue(id, out var a) ? a.Samples : 1).Select(_ => new JsonObject { ["video"] = new JsonObject { ["uri"] = uri } })]);
            var answer = new JsonObject
            {
                ["name"] = op, ["done"] = true,
                ["response"] = new JsonObject { ["generateVideoResponse"] = new JsonObject { ["generatedSamples"] = samples } },
            };
            if (partlyFiltered.TryGetValue(op, out var removed)) answer["response"]!["generateVideoResponse"]!["raiMediaFilteredCount"] = removed;
            await Json(ctx, 200, answer.ToJsonString());
        }
        else if (method == "GET" && path.StartsWith("/v1beta/files/"))
            await Bytes(ctx, Clip(path["/v1beta/files/".Length..].Split(':')[0]), "video/mp4");
        else if (method == "POST" && path == "/v1/videos")
        {
            if (OpenAiDown) { await Json(ctx, 503, """{"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}"""); return; }
            var id = $"video_up{Interlocked.Increment(ref next)}";
            asked[id] = (Deliver(body, ClipShape.FromOpenAi(body)), 1);
            await Json(ctx, 200, $$"""{"id":"{{id}}","object":"video","status":"queued","progress":0}""");
        }
        else if (method == "POST" && path.StartsWith("/v1/videos/") && path.EndsWith("/remix"))
        {
            // A remix keeps its parent's size and length (OpenAI's videos.remix).
            var id = $"video_up{Interlocked.Increment(ref next)}";
            if (asked.TryGetValue(path.Split('/')[3], out var parent)) asked[id] = parent;
            await Json(ctx, 200, $$"""{"id":"{{id}}","object":"video","status":"queued","progress":0,"remixed_from_video_id":"{{path.Split('/')[3]}}"}""");
        }
        else if (method == "GET" && path.StartsWith("/v1/videos/") && path.EndsWith("/content"))
        {
            if (ctx.Request.QueryString["variant"] is { } v && v != "video") { ctx.Response.StatusCode = 404; return; }
            await Bytes(ctx, Clip(path["/v1/videos/".Length..^"/content".Length]), "video/mp4");
        }
        else if (method == "DELETE" && path.StartsWith("/v1/videos/"))
            await Json(ctx, 200, $$"""{"id":"{{path["/v1/videos/".Length..]}}","object":"video.deleted","deleted":true}""");
        else if (method == "GET" && path.StartsWith("/v1/videos/"))
        {
            var id = path["/v1/videos/".Length..];
            var n = polls.AddOrUpdate(id, 1, (_, c) => c + 1);
            var done = n > PollsBeforeDone;
            await Json(ctx, 200, $$"""{"id":"{{id}}","object":"video","status":"{{(done ? "completed" : "in_progress")}}","progress":{{(done ? 100 : 50)}}}""");
        }
        else ctx.Response.StatusCode = 404;
    }

    byte[] Clip(string job) => MatchingClips.Mp4(asked.TryGetValue(job, out var a) ? a.Shape : new ClipShape(1280, 720, 8));

    static async Task Json(HttpListenerContext ctx, int status, string body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        await ctx.Response.OutputStream.WriteAsync(bytes);
    }

    static async Task Bytes(HttpListenerContext ctx, byte[] body, string type)
    {
        ctx.Response.ContentType = type;
        ctx.Response.ContentLength64 = body.Length;
        await ctx.Response.OutputStream.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await Task.Yield();
    }
}
