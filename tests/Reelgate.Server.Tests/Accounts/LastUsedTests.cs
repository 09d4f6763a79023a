using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Accounts;

/// last_used_at is tracked in memory and written in batches: these restart the server to see
/// what reached the database, not only this process's memory.
public sealed class LastUsedTests
{
    static async Task<JsonNode?> Listed(ServerProcess server, string id) =>
        (await (await server.Admin.GetAsync("/v1/keys")).Json())["data"]!.AsArray().Single(k => k!.Str("id") == id)!["last_used_at"];

    static async Task<(string Id, HttpClient Api)> UsedKey(ServerProcess server)
    {
        var key = await (await server.Admin.PostAsJsonAsync("/v1/keys", new { name = "used" })).Json();
        Assert.Null(await Listed(server, key.Str("id")));
        var api = server.ClientFor(key.Str("secret"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/videos")).StatusCode);
        return (key.Str("id"), api);
    }

    [Fact]
    public async Task LastUsed_IsShownAtOnce_AndWrittenByTheNextFlush()
    {
        await using var server = new ServerProcess(new() { ["Auth__LastUsedFlushSeconds"] = "0.5" });
        await server.StartAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (id, _) = await UsedKey(server);
        Assert.InRange((await Listed(server, id))!.GetValue<long>(), before - 1, before + 5);

        await Task.Delay(TimeSpan.FromSeconds(2));
        server.Kill(); // no shutdown flush: only what the periodic flush wrote survives
        await server.StartAsync();
        Assert.InRange((await Listed(server, id))!.GetValue<long>(), before - 1, before + 5);
    }

    [Fact]
    public async Task LastUsed_IsWrittenAtShutdown()
    {
        await using var server = new ServerProcess(new() { ["Auth__LastUsedFlushSeconds"] = "3600" });
        await server.StartAsync();
        var (id, _) = await UsedKey(server);

        await server.StopAsync();
        await server.StartAsync();
        Assert.NotNull(await Listed(server, id));
    }

    [Fact]
    public async Task LastUsed_NotFlushed_IsLostOnACrash()
    {
        // The other side of the shutdown test: proves the value there came from the final flush.
        await using var server = new ServerProcess(new() { ["Auth__LastUsedFlushSeconds"] = "3600" });
        await server.StartAsync();
        var (id, _) = await UsedKey(server);

        server.Kill();
        await server.StartAsync();
        Assert.Null(await Listed(server, id));
    }
}
