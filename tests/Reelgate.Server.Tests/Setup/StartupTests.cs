using System.Net;
using System.Text.RegularExpressions;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Setup;

public sealed partial class StartupTests
{
    [Fact]
    public async Task FirstStart_WithStdoutNotATerminal_WritesTheGeneratedAdminKeyToAnOwnerOnlyFile_NeverToTheLog()
    {
        await using var server = new ServerProcess(new() { ["Auth__AdminKey"] = "" });
        await server.StartAsync();
        var log = await server.WaitForLogAsync(server.AdminKeyFile);
        var key = server.GeneratedAdminKey();
        Assert.Matches(KeyShape(), key);
        Assert.DoesNotContain(key, log);
        Assert.DoesNotMatch(KeyShape(), log);
        if (!OperatingSystem.IsWindows()) // Windows has no mode bits; its ACLs follow the folder
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.AdminKeyFile));
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(key).GetAsync("/v1/keys")).StatusCode);

        // Once made, the key is neither made again nor written again.
        var written = File.GetLastWriteTimeUtc(server.AdminKeyFile);
        server.Kill();
        var before = server.Log.Length;
        await server.StartAsync();
        await server.WaitForLogAsync("Now listening on", before); // logged after the admin key step
        Assert.DoesNotContain(server.AdminKeyFile, server.Log[before..]);
        Assert.Equal(key, server.GeneratedAdminKey());
        Assert.Equal(written, File.GetLastWriteTimeUtc(server.AdminKeyFile));
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(key).GetAsync("/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task AConfiguredAdminKeyShorterThan32Characters_StopsStartUp_SayingWhy()
    {
        await using var server = new ServerProcess(new() { ["Auth__AdminKey"] = new string('k', 31) });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);
        Assert.Contains("Auth:AdminKey must be at least 32 characters", e.Message);
    }

    [Fact]
    public async Task AConfiguredAdminKeyInTheOldKeyAlphabet_StillAuthenticates()
    {
        // Letters where Base64 has '+' and '/': how keys were issued before Base64Url.
        const string old = "rg_q3ZxAB7kLmN0pQrStUvWxYz0123456789AbCdEfGhBA";
        await using var server = new ServerProcess(new() { ["Auth__AdminKey"] = old });
        await server.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(old).GetAsync("/v1/keys")).StatusCode);
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

    [GeneratedRegex(@"rg_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyShape();
}
