using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Tests.Storage;

/// A real s3rver (npm) on a free loopback port with its own temporary data folder. Not silent:
/// its log tells what requests it served.
public sealed class S3rverProcess : IAsyncDisposable
{
    // s3rver's built-in account.
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    readonly string dataRoot = Directory.CreateTempSubdirectory("reelgate-s3rver-").FullName;
    readonly StringBuilder log = new();
    Process? process;

    public int Port { get; } = Support.Ports.Free();
    public Uri ServiceUrl => new($"http://127.0.0.1:{Port}");
    public string Log { get { lock (log) return log.ToString(); } }

    internal S3Options Options(string bucket, bool presigned = false) => new()
    {
        ServiceUrl = ServiceUrl.ToString(), Bucket = bucket, AccessKey = AccessKey, SecretKey = SecretKey,
        PresignedDownloads = presigned, MultipartThresholdBytes = 16L * 1024 * 1024, PartSizeBytes = 5L * 1024 * 1024,
    };

    public async Task StartAsync()
    {
        var psi = new ProcessStartInfo(Executable()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-d", dataRoot, "-p", Port.ToString(), "-a", "127.0.0.1" }) psi.ArgumentList.Add(arg);
        // s3rver signs list continuation tokens with DES, which OpenSSL 3 only has in its legacy provider.
        psi.Environment["NODE_OPTIONS"] = (Environment.GetEnvironmentVariable("NODE_OPTIONS") + " --openssl-legacy-provider").Trim();
        process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"s3rver exited with {process.ExitCode}:\n{Log}");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"s3rver did not start listening on {Port}:\n{Log}");
    }

    public void Kill()
    {
        if (process is not { HasExited: false }) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        try { Directory.Delete(dataRoot, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    static string Executable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reelgate.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("repository root (Reelgate.slnx) not found");
        var path = Path.Combine(dir.FullName, "tests", "s3", "node_modules", ".bin", "s3rver");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"s3rver is not installed at {path}: run `npm ci --prefix tests/s3` in {dir.FullName}");
    }
}
