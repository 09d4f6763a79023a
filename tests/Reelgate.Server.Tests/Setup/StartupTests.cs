using System.Net;
using System.Text.RegularExpressions;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Setup;

public sealed partial class StartupTests
{
    [Fact]
    public async Task FirstStart_PrintsAGeneratedAdminKeyOnce_AndItWorks()
    {
        await using var server = new ServerProcess(new() { ["Auth__AdminKey"] = "" });
        await server.StartAsync();
        var printed = AdminKey().Matches(server.Log).Select(m => m.Value).Distinct().ToList();
        var key = Assert.Single(printed);
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(key).GetAsync("/v1/keys")).StatusCode);

        server.Kill();
        var before = server.Log.Length;
        await server.StartAsync();
        Assert.DoesNotContain("admin API key", server.Log[before..]);
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(key).GetAsync("/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task ARevokedConfiguredAdminKey_StaysRevokedAcrossRestarts_AndStartUpStillWorks()
    {
        await using var server = new ServerProcess();
        await server.StartAsync();
        var keys = await (await server.Admin.GetAsync("/v1/keys")).Json();
        var id = keys["data"]!.AsArray().Single(k => k!["role"]!.GetValue<string>() == "admin")!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.DeleteAsync($"/v1/keys/{id}")).StatusCode);
        await server.StopAsync();
        await server.StartAsync();
        Assert.Contains("stays revoked", server.Log);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Admin.GetAsync("/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task MissingFfmpeg_StopsWithTheInstallCommand()
    {
        await using var server = new ServerProcess(new() { ["Media__FfmpegPath"] = "/nonexistent/ffmpeg" });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);
        Assert.Contains("apt-get install -y ffmpeg fonts-dejavu-core", e.Message);
    }

    [Fact]
    public async Task DatabaseConnectionString_PutsTheDatabaseWhereItSays_InWalMode()
    {
        var dbFile = Path.Combine(Path.GetTempPath(), $"reelgate-custom-{Guid.NewGuid():N}.db");
        try
        {
            await using var server = new ServerProcess(new() { ["Database__Provider"] = "sqlite", ["Database__ConnectionString"] = $"Data Source={dbFile}" });
            await server.StartAsync();
            var api = await server.NewAccountAsync();
            await api.CreateVideoAsync(new { prompt = "stored elsewhere", duration = 4 });
            Assert.True(File.Exists(dbFile));
            Assert.True(File.Exists(dbFile + "-wal"), "the database runs in WAL mode");
            Assert.False(File.Exists(Path.Combine(server.DataRoot, "reelgate.db")));
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(dbFile) + "*")) File.Delete(f);
        }
    }

    [GeneratedRegex(@"rg_[A-Za-z0-9]{40,}")]
    private static partial Regex AdminKey();
}
