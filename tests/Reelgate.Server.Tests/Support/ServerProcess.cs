using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Reelgate.Server.Tests.Support;

/// A real Reelgate server: its own process, data folder, port and admin key, driven over real
/// HTTP. Kill() is SIGKILL; Start() again reuses the same data folder.
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminKey = "rg_test_admin_key_0123456789abcdef";
    readonly Dictionary<string, string> settings;
    readonly StringBuilder log = new();
    Process? process;

    /// A server of its own: data folder, port and (in the PostgreSQL / S3 modes) database and bucket.
    public ServerProcess(Dictionary<string, string>? overrides = null)
    {
        DataRoot = Directory.CreateTempSubdirectory("reelgate-test-").FullName;
        settings = new Dictionary<string, string>
        {
            ["Storage__Root"] = DataRoot,
            ["Auth__AdminKey"] = AdminKey,
            ["Worker__Concurrency"] = "2",
            ["Worker__LeaseSeconds"] = "4",
            ["Worker__HeartbeatSeconds"] = "0.5",
            ["Worker__PollSeconds"] = "0.5",
            ["Media__AutoInstall"] = "false",
            ["Files__AllowHttpUrls"] = "true",
            ["Files__AllowPrivateNetworks"] = "true",
            // Tests of other features run unmetered; the limit and billing tests choose their tiers.
            ["Accounts__DefaultTier"] = "unlimited",
        };
        foreach (var (k, v) in overrides ?? []) settings[k] = v;
        if (TestDatabase.IsPostgres && !settings.ContainsKey("Database__Provider"))
        {
            postgres = TestDatabase.CreatePostgres();
            settings["Database__Provider"] = "postgres";
            // The server pools its connections as in production (the test's own string does not).
            settings["Database__ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Pooling = true }.ToString();
        }
        if (Blobs.IsS3 && !settings.ContainsKey("Storage__Provider"))
        {
            Bucket = $"rg-{Guid.NewGuid():N}";
            settings["Storage__Provider"] = "s3";
            settings["Storage__S3__ServiceUrl"] = Blobs.S3Url;
            settings["Storage__S3__Bucket"] = Bucket;
            settings["Storage__S3__AccessKey"] = "S3RVER";
            settings["Storage__S3__SecretKey"] = "S3RVER";
        }
    }

    readonly string? postgres;
    readonly bool sharesState;

    ServerProcess(Dictionary<string, string> siblingSettings, ServerProcess owner)
    {
        settings = siblingSettings;
        DataRoot = owner.DataRoot;
        Bucket = owner.Bucket;
        sharesState = true;
    }

    /// Another process on the same database, data folder and bucket (its owner cleans them up):
    /// for multi-process tests. `overrides` sets its roles and the like.
    public ServerProcess Sibling(Dictionary<string, string> overrides)
    {
        var copy = new Dictionary<string, string>(settings);
        foreach (var (k, v) in overrides) copy[k] = v;
        return new ServerProcess(copy, this);
    }

    /// The server's own bucket when the suite runs on S3 (REELGATE_TEST_STORAGE=s3).
    public string? Bucket { get; }

    public string DataRoot { get; }
    public Uri BaseUrl { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;
    public string Log { get { lock (log) return log.ToString(); } }

    /// Where a server whose stdout is not a terminal (as here) writes the admin key it generates
    /// when no Auth:AdminKey is configured.
    public string AdminKeyFile => Path.Combine(DataRoot, Reelgate.Server.Accounts.AdminBootstrap.KeyFileName);

    public string GeneratedAdminKey() => File.ReadAllText(AdminKeyFile).Trim();

    /// The log once it contains `text` past `from` (a length of Log before a restart): log lines
    /// reach the pipe after the server answers.
    public async Task<string> WaitForLogAsync(string text, int from = 0)
    {
        try { await Signals.UntilAsync(() => Log[from..].Contains(text, StringComparison.Ordinal), $"'{text}' in the log", seconds: 30); }
        catch (TimeoutException) { throw new TimeoutException($"'{text}' never appeared in the log:\n{Log}"); }
        return Log;
    }
    public int Pid => process?.Id ?? 0;

    public async Task StartAsync()
    {
        // A restart keeps the port, so clients made before a kill still reach the server.
        BaseUrl ??= new Uri($"http://127.0.0.1:{Ports.Free()}");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(ServerDll());
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(BaseUrl.ToString().TrimEnd('/'));
        foreach (var (k, v) in settings) psi.Environment[k] = v;
        process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Admin = ClientFor(AdminKey);
        using var probe = new HttpClient { BaseAddress = BaseUrl };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                // The parameterless wait also waits for the redirected output to reach its end, so the
                // lines a dying server wrote last (why it stopped) are in the log before it is read.
                process.WaitForExit();
                throw new InvalidOperationException($"server exited with {process.ExitCode}:\n{Log}");
            }
            try { if ((await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return; }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"server did not become ready:\n{Log}");
    }

    public HttpClient ClientFor(string key)
    {
        var c = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    /// SIGKILL: no shutdown hooks run, exactly like a crash.
    public void Kill()
    {
        process?.Kill(entireProcessTree: true);
        process?.WaitForExit();
    }

    /// SIGTERM: the graceful path.
    public async Task StopAsync()
    {
        if (process is null || process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false }) Kill();
        process?.Dispose();
        await Task.Yield();
        if (sharesState) return;
        try { Directory.Delete(DataRoot, recursive: true); } catch (IOException) { }
        if (postgres is not null) TestDatabase.DropPostgres(postgres);
    }

    /// The server's own build output (with its runtimeconfig), found from the repository root.
    static string ServerDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reelgate.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("repository root (Reelgate.slnx) not found");
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        return Path.Combine(dir.FullName, "src", "Reelgate.Server", "bin", config, "net10.0", "Reelgate.Server.dll");
    }
}
