using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

/// A Reelgate server process on a free port (fake provider, 0 ms, unless `more` says otherwise).
internal sealed class BenchServer : IDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789abcdef";

    readonly Process process;
    public Uri BaseUrl { get; }

    BenchServer(Process p, Uri url) => (process, BaseUrl) = (p, url);

    public static async Task<BenchServer> StartAsync(string dll, string root, Dictionary<string, string> more)
    {
        Directory.CreateDirectory(root);
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(url.ToString().TrimEnd('/'));
        var env = new Dictionary<string, string>
        {
            ["Storage__Root"] = root, ["Auth__AdminKey"] = AdminKey, ["Media__AutoInstall"] = "false", ["Accounts__DefaultTier"] = "unlimited",
            ["Providers__Fake__Enabled"] = "true", ["Providers__Fake__LatencyMs"] = "0",
            ["Webhooks__AllowHttp"] = "true", ["Webhooks__AllowPrivateNetworks"] = "true", ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (k, v) in more) env[k] = v;
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var server = new BenchServer(p, url);
        using var probe = new HttpClient { BaseAddress = url };
        for (var i = 0; i < 600; i++)
        {
            try { if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode) return server; } catch (HttpRequestException) { }
            if (p.HasExited) break;
            await Task.Delay(100);
        }
        server.Dispose();
        throw new InvalidOperationException($"the server at {url} did not become ready");
    }

    /// A loopback port nobody listened on a moment ago.
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async Task<HttpClient> ServiceClientAsync()
    {
        using var admin = Client(AdminKey);
        var key = await (await admin.PostAsJsonAsync("/v1/keys", new { name = "bench", role = "service" })).Content.ReadFromJsonAsync<JsonObject>();
        return Client(key!["secret"]!.GetValue<string>());
    }

    HttpClient Client(string key)
    {
        var c = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
