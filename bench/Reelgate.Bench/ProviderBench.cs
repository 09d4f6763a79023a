// Router and provider overhead for bench/providers.sh. The same tasks through one worker slot,
// twice: with the in-process fake provider (0 ms; the pipeline without routing: claim, copy a
// clip, probe, store, finish), and through the router and the OpenAI-compatible adapter to a
// zero-latency loopback /v1/videos fake (submit, bind the operation, poll, download the video
// and its thumbnail, then the same probe, store and finish). Both runs are alternated twice.
//
// Usage: Reelgate.Bench providers --server-dll DLL --work DIR [--tasks 100]
// Prints "RESULT providers ..." with ms per task and tasks/s of each side.

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

internal static class ProviderBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? dll = null, work = null;
        var tasks = 100;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--server-dll": dll = args[++i]; break;
                case "--work": work = args[++i]; break;
                case "--tasks": tasks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 2;
            }
        }
        if (dll is null || work is null) { Console.Error.WriteLine("--server-dll and --work are required"); return 2; }
        using var upstream = await Upstream.StartAsync(work);
        var remote = new Dictionary<string, string>
        {
            ["Providers__Fake__Enabled"] = "false",
            ["Providers__OpenAiCompatible__Enabled"] = "true", ["Providers__OpenAiCompatible__BaseUrl"] = upstream.Url,
            ["Providers__OpenAiCompatible__PollSeconds"] = "0", ["Providers__OpenAiCompatible__MaxPollSeconds"] = "0",
            ["Providers__OpenAiCompatible__Models__veo-3.1-fast-generate-preview"] = "zero",
        };
        var (fakeMs, remoteMs) = (new List<double>(), new List<double>());
        for (var round = 0; round < 2; round++)
        {
            fakeMs.Add(await RunAsync(dll, Path.Combine(work, $"fake{round}"), [], tasks));
            remoteMs.Add(await RunAsync(dll, Path.Combine(work, $"remote{round}"), remote, tasks));
        }
        double f = fakeMs.Average(), r = remoteMs.Average();
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT providers tasks={tasks} fake_ms={f:0.0} remote_ms={r:0.0} overhead_ms={r - f:0.0} fake_per_s={1000 / f:0.0} remote_per_s={1000 / r:0.0} ratio={r / f:0.00} upstream_creates={upstream.Creates}"));
        return 0;
    }

    /// ms per task: from the first submit to the last completion, one worker slot.
    static async Task<double> RunAsync(string dll, string root, Dictionary<string, string> more, int tasks)
    {
        using var server = await BenchServer.StartAsync(dll, root, new(more) { ["Worker__Concurrency"] = "1", ["Worker__PollSeconds"] = "0.05" });
        using var client = await server.ServiceClientAsync();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < tasks; i++)
        {
            var res = await client.PostAsJsonAsync("/v1/videos", new { model = "veo3.1-fast", prompt = $"provider bench {i}", duration = 4, resolution = "720p", generate_audio = false });
            if (res.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"submit answered {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        }
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var (done, failed) = Count(root);
            if (failed > 0) throw new InvalidOperationException($"{failed} task(s) failed in {root}");
            if (done == tasks) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{done} of {tasks} completed");
            await Task.Delay(20);
        }
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / tasks;
    }

    static (long Done, long Failed) Count(string root)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(root, "reelgate.db")};Mode=ReadOnly");
        db.Open();
        using var cmd = new SqliteCommand("SELECT SUM(status = 'completed'), SUM(status = 'failed') FROM tasks", db);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1));
    }

    /// A zero-latency /v1/videos server: every job is done at its first poll; the content is a
    /// one-second 64x64 MP4 made with FFmpeg, and its first frame as the JPEG thumbnail.
    sealed class Upstream : IDisposable
    {
        readonly HttpListener listener = new();
        readonly byte[] mp4, jpeg;
        int next;

        public int Creates => next;
        public string Url { get; }

        Upstream(int port, byte[] video, byte[] poster)
        {
            (mp4, jpeg) = (video, poster);
            Url = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(Url + "/");
            listener.Start();
            for (var i = 0; i < 4; i++) _ = Task.Run(LoopAsync);
        }

        public static async Task<Upstream> StartAsync(string work)
        {
            Directory.CreateDirectory(work);
            var file = Path.Combine(work, "upstream.mp4");
            using (var p = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=64x64:r=24:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", file]))!)
                await p.WaitForExitAsync();
            var poster = Path.Combine(work, "upstream.jpg");
            using (var p = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-i", file, "-frames:v", "1", "-y", poster]))!)
                await p.WaitForExitAsync();
            var port = BenchServer.FreePort();
            return new Upstream(port, await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(poster));
        }

        async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch (Exception) { return; }
                using (var sink = new MemoryStream()) await ctx.Request.InputStream.CopyToAsync(sink);
                var path = ctx.Request.Url!.AbsolutePath;
                byte[] body;
                if (ctx.Request.HttpMethod == "POST") body = Encoding.UTF8.GetBytes($$"""{"id":"video_z{{Interlocked.Increment(ref next)}}","object":"video","status":"queued","progress":0}""");
                else if (path.EndsWith("/content") && ctx.Request.QueryString["variant"] is null or "video") body = mp4;
                else if (path.EndsWith("/content")) body = jpeg;
                else body = Encoding.UTF8.GetBytes($$"""{"id":"{{path[(path.LastIndexOf('/') + 1)..]}}","object":"video","status":"completed","progress":100}""");
                ctx.Response.ContentLength64 = body.Length;
                await ctx.Response.OutputStream.WriteAsync(body);
                ctx.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }
}
