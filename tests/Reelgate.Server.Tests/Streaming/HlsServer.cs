using Microsoft.Data.Sqlite;
using Reelgate.Server.Links;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Streaming;

/// A real server (SQLite + files whatever the suite's backend, so a test can sign its own prefixes
/// with the server's key; HlsUrlTests cover the backends) holding one completed task made through
/// the API with a rendition and `hls: true`, and the signed URLs of its package.
public sealed class HlsServer : IAsyncLifetime
{
    public ServerProcess Server { get; } = new(new() { ["Database__Provider"] = "sqlite", ["Storage__Provider"] = "filesystem" });
    public HttpClient Api { get; private set; } = null!;
    public string TaskId { get; private set; } = null!;
    byte[] key = null!;

    public async Task InitializeAsync()
    {
        await Server.StartAsync();
        Api = await Server.NewAccountAsync();
        var task = await Api.WaitAsync((await Api.CreateVideoAsync(new { prompt = "a harbour at dawn", duration = 4, renditions = new[] { "h264_720p30" }, hls = true })).Str("id"), seconds: 300);
        TaskId = task.Str("id");
        Master = task.Str("hls_url");
        await using var db = new SqliteConnection($"Data Source={Path.Combine(Server.DataRoot, "reelgate.db")}");
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT value FROM server_secrets WHERE name = 'download_links'";
        key = Convert.FromBase64String((string)(await read.ExecuteScalarAsync())!);
    }

    /// The signed prefix of output `index`, valid until `expires` (Unix seconds), with no trailing slash.
    public string Prefix(long expires, int index = 0, string? taskId = null) =>
        $"{Server.BaseUrl.ToString().TrimEnd('/')}/hls/{taskId ?? TaskId}/{index}/{expires}/{SignedLinks.Signature(key, taskId ?? TaskId, index, "hls", expires)}";

    /// The task's `hls_url`.
    public string Master { get; private set; } = null!;

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
