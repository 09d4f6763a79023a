// Webhook delivery for bench/webhooks.sh: latency from a task's status change to the receiver
// (p50/p99), and deliveries/s draining a backlog, each against a bare HttpClient POST of the
// same payloads to the same loopback receiver in the same run.
//
//   latency:    one server (fake provider, 0 ms renders), one endpoint; tasks submitted at a
//               steady pace. Latency = arrival at the receiver − the delivery row's created_at,
//               which is the instant of the status change (same transaction, same clock).
//   throughput: a server with delivery off fills a backlog (tasks × endpoints rows); it is
//               killed and a server with delivery on (worker off) drains it. Rate = deliveries
//               between the first and the last arrival.
//
// Usage: Reelgate.Bench webhooks --server-dll DLL --work DIR [--tasks 300] [--rate 20]
//        [--backlog-tasks 300] [--endpoints 10]
// Prints "RESULT latency ..." and "RESULT throughput ..." lines.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

internal static class WebhookBench
{


    public static async Task<int> RunAsync(string[] args)
    {
        string? dll = null, work = null;
        int tasks = 300, backlogTasks = 300, endpoints = 10;
        double rate = 20;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--server-dll": dll = args[++i]; break;
                case "--work": work = args[++i]; break;
                case "--tasks": tasks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rate": rate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--backlog-tasks": backlogTasks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--endpoints": endpoints = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 2;
            }
        }
        if (dll is null || work is null) { Console.Error.WriteLine("--server-dll and --work are required"); return 2; }
        using var receiver = new Receiver();
        await LatencyAsync(dll, Path.Combine(work, "latency"), receiver, tasks, rate);
        await ThroughputAsync(dll, Path.Combine(work, "backlog"), receiver, backlogTasks, endpoints);
        return 0;
    }

    static async Task LatencyAsync(string dll, string root, Receiver receiver, int tasks, double rate)
    {
        using var server = await BenchServer.StartAsync(dll, root, new() { ["Worker__Concurrency"] = "4" });
        using var client = await server.ServiceClientAsync();
        await CreateEndpointAsync(client, receiver.Url + "/latency");
        receiver.Reset();
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>();
        for (var i = 0; i < tasks; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero) await Task.Delay(due);
            sends.Add(SubmitAsync(client, i));
        }
        await Task.WhenAll(sends);
        await receiver.WaitAsync(tasks, TimeSpan.FromSeconds(120));
        var created = ReadCreated(root);
        var latencies = receiver.Arrivals.Select(a => a.AtMs - created[a.Id]).Order().ToList();
        var baseline = await BareLatencyAsync(receiver, receiver.LastBody, tasks, rate);
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT latency deliveries={latencies.Count} p50_ms={Pct(latencies, 50):0.0} p99_ms={Pct(latencies, 99):0.0} max_ms={latencies[^1]:0.0} bare_p50_ms={Pct(baseline, 50):0.00} bare_p99_ms={Pct(baseline, 99):0.00}"));
    }

    static async Task ThroughputAsync(string dll, string root, Receiver receiver, int tasks, int endpoints)
    {
        using (var filler = await BenchServer.StartAsync(dll, root, new() { ["Webhooks__Deliver"] = "false", ["Worker__Concurrency"] = "8" }))
        {
            using var client = await filler.ServiceClientAsync();
            for (var e = 0; e < endpoints; e++) await CreateEndpointAsync(client, $"{receiver.Url}/backlog/{e}");
            for (var i = 0; i < tasks; i += 20) await Task.WhenAll(Enumerable.Range(i, Math.Min(20, tasks - i)).Select(n => SubmitAsync(client, n)));
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (CountDeliveries(root) < tasks * endpoints)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the backlog never filled");
                await Task.Delay(200);
            }
            filler.Kill();
        }
        var total = tasks * endpoints;
        receiver.Reset();
        using (await BenchServer.StartAsync(dll, root, new() { ["Worker__Enabled"] = "false" }))
            await receiver.WaitAsync(total, TimeSpan.FromMinutes(5));
        var arrivals = receiver.Arrivals.Select(a => a.AtMs).Order().ToList();
        var ours = (total - 1) / ((arrivals[^1] - arrivals[0]) / 1000);
        var bare = await BareRateAsync(receiver, receiver.LastBody, total, 16);
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT throughput deliveries={total} per_s={ours:0} bare_per_s={bare:0} ratio={ours / bare:0.00}"));
    }

    static async Task SubmitAsync(HttpClient client, int i)
    {
        var res = await client.PostAsJsonAsync("/v1/videos", new { prompt = $"webhook bench {i}", duration = 4, generate_audio = false });
        if (res.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"submit answered {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
    }

    static async Task CreateEndpointAsync(HttpClient client, string url)
    {
        var res = await client.PostAsJsonAsync("/v1/webhooks", new { url });
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"POST /v1/webhooks answered {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
    }

    /// The bare baseline: the same body POSTed with a plain HttpClient at the same pace.
    static async Task<List<double>> BareLatencyAsync(Receiver receiver, byte[] body, int count, double rate)
    {
        using var http = new HttpClient();
        var times = new List<double>();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate / 4) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var t = Stopwatch.GetTimestamp();
            using var res = await http.PostAsync(receiver.Url + "/bare", Json(body));
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        return [.. times.Order()];
    }

    static async Task<double> BareRateAsync(Receiver receiver, byte[] body, int count, int concurrency)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
                using (await http.PostAsync(receiver.Url + "/bare", Json(body))) { }
        }));
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    static ByteArrayContent Json(byte[] body)
    {
        var c = new ByteArrayContent(body);
        c.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return c;
    }

    static double Pct(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

    static Dictionary<string, double> ReadCreated(string root)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(root, "reelgate.db")};Mode=ReadOnly");
        db.Open();
        using var cmd = new SqliteCommand("SELECT id, created_at FROM webhook_deliveries", db);
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<string, double>();
        while (r.Read()) map[r.GetString(0)] = r.GetInt64(1);
        return map;
    }

    static long CountDeliveries(string root)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(root, "reelgate.db")};Mode=ReadOnly");
        db.Open();
        using var cmd = new SqliteCommand("SELECT COUNT(*) FROM webhook_deliveries", db);
        return (long)cmd.ExecuteScalar()!;
    }

    /// A loopback receiver answering 204 to everything, recording each webhook-id's arrival.
    sealed class Receiver : IDisposable
    {
        readonly HttpListener listener = new();
        ConcurrentBag<(string Id, double AtMs)> arrivals = [];

        public Receiver()
        {
            var port = BenchServer.FreePort();
            Url = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(Url + "/");
            listener.Start();
            for (var i = 0; i < 32; i++) _ = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public byte[] LastBody { get; private set; } = [];
        public IReadOnlyCollection<(string Id, double AtMs)> Arrivals => arrivals;

        public void Reset() => arrivals = [];

        async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch (Exception) { return; }
                using var ms = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(ms);
                if (ctx.Request.Headers["webhook-id"] is { } id)
                {
                    arrivals.Add((id, (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds));
                    LastBody = ms.ToArray();
                }
                ctx.Response.StatusCode = 204;
                ctx.Response.Close();
            }
        }

        public async Task WaitAsync(int count, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (arrivals.Count < count)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"the receiver got {arrivals.Count} of {count} deliveries");
                await Task.Delay(20);
            }
        }

        public void Dispose() => listener.Close();
    }
}
