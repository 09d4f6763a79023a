using Microsoft.Data.Sqlite;
using Reelgate.Server.Links;
using Reelgate.Server.Tests.Media.Hls;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Streaming;

/// A real server (SQLite + files, whatever the suite's backend: the bytes it serves do not depend
/// on them) holding one completed task whose output 0 has an HLS package of small real renditions,
/// put where the worker stores one (`videos/{task}/hls/0/`), and the signed URLs of it.
public sealed class HlsServer : IAsyncLifetime
{
    public ServerProcess Server { get; } = new(new() { ["Database__Provider"] = "sqlite", ["Storage__Provider"] = "filesystem" });
    public HttpClient Api { get; private set; } = null!;
    public string TaskId { get; private set; } = null!;
    byte[] key = null!;
    readonly string scratch = Directory.CreateTempSubdirectory("rg-hls-serve-").FullName;

    public async Task InitializeAsync()
    {
        await Server.StartAsync();
        Api = await Server.NewAccountAsync();
        TaskId = (await Api.WaitAsync((await Api.CreateVideoAsync(new { prompt = "a harbour at dawn", duration = 4 })).Str("id"))).Str("id");
        var package = await HlsSamples.PackageAsync(scratch, "h264_720p30", "h264_1080p60");
        var target = Path.Combine(Server.DataRoot, "blobs", "videos", TaskId, "hls", "0");
        foreach (var (file, _) in package.Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, file))!);
            File.Copy(Path.Combine(package.Folder, file), Path.Combine(target, file));
        }
        await using var db = new SqliteConnection($"Data Source={Path.Combine(Server.DataRoot, "reelgate.db")}");
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT value FROM server_secrets WHERE name = 'download_links'";
        key = Convert.FromBase64String((string)(await read.ExecuteScalarAsync())!);
    }

    /// The signed prefix of output `index`, valid until `expires` (Unix seconds), with no trailing slash.
    public string Prefix(long expires, int index = 0, string? taskId = null) =>
        $"{Server.BaseUrl.ToString().TrimEnd('/')}/hls/{taskId ?? TaskId}/{index}/{expires}/{SignedLinks.Signature(key, taskId ?? TaskId, index, "hls", expires)}";

    public string Master => Prefix(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600) + "/master.m3u8";

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(scratch, recursive: true);
    }
}
