using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;
using Reelgate.Server.Tests.Tasks;

namespace Reelgate.Server.Tests.Accounts;

[Collection(SharedServerCollection.Name)]
public sealed class KeysTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    [Fact]
    public async Task MissingWrongOrRevokedKey_Gets401WithCode()
    {
        using var anonymous = new HttpClient { BaseAddress = server.BaseUrl };
        await ValidationTests.AssertProblem(await anonymous.GetAsync("/v1/videos"), 401, "missing_api_key", "Authorization");
        await ValidationTests.AssertProblem(await server.ClientFor("rg_wrong").GetAsync("/v1/videos"), 401, "invalid_api_key", "Authorization");

        var created = await (await server.Admin.PostAsJsonAsync("/v1/keys", new { name = "to revoke" })).Json();
        var secret = created.Str("secret");
        Assert.StartsWith("rg_", secret);
        Assert.StartsWith(created.Str("prefix"), secret);
        Assert.True(secret.Length >= 40);
        var viaHeader = new HttpClient { BaseAddress = server.BaseUrl };
        viaHeader.DefaultRequestHeaders.Add("X-API-Key", secret);
        Assert.Equal(HttpStatusCode.OK, (await viaHeader.GetAsync("/v1/videos")).StatusCode);

        var list = await (await server.Admin.GetAsync($"/v1/keys?account_id={created.Str("account_id")}")).Json();
        var listed = list["data"]!.AsArray().Single(k => k!.Str("id") == created.Str("id"))!;
        Assert.Null(listed["secret"]);
        Assert.DoesNotContain(secret, list.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, (await server.Admin.DeleteAsync($"/v1/keys/{created.Str("id")}")).StatusCode);
        await ValidationTests.AssertProblem(await viaHeader.GetAsync("/v1/videos"), 401, "key_revoked", "Authorization");
        foreach (var dbFile in Directory.GetFiles(server.DataRoot, "reelgate.db*"))
            Assert.DoesNotContain(secret, await File.ReadAllTextAsync(dbFile));
    }

    [Fact]
    public async Task List_PagesOldestFirst_WithTheListShape()
    {
        var first = await (await server.Admin.PostAsJsonAsync("/v1/keys", new { name = "page 1" })).Json();
        var account = first.Str("account_id");
        var ids = new List<string> { first.Str("id") };
        for (var i = 2; i <= 3; i++)
            ids.Add((await (await server.Admin.PostAsJsonAsync("/v1/keys", new { name = $"page {i}", account_id = account })).Json()).Str("id"));

        var one = await (await server.Admin.GetAsync($"/v1/keys?account_id={account}&limit=2")).Json();
        Assert.Equal(ids[..2], one.AssertPage(hasMore: true));
        var two = await (await server.Admin.GetAsync($"/v1/keys?account_id={account}&limit=2&after={one.Str("last_id")}")).Json();
        Assert.Equal(ids[2..], two.AssertPage(hasMore: false));
        await ValidationTests.AssertProblem(await server.Admin.GetAsync("/v1/keys?limit=abc"), 400, "out_of_range", "limit");
    }

    [Fact]
    public async Task StandardKey_CannotManageKeys()
    {
        var api = await server.NewAccountAsync();
        await ValidationTests.AssertProblem(await api.GetAsync("/v1/keys"), 403, "admin_required", "Authorization");
        await ValidationTests.AssertProblem(await api.PostJson("/v1/keys", "{}"), 403, "admin_required", "Authorization");
        await ValidationTests.AssertProblem(await server.Admin.PostJson("/v1/keys", """{"role":"root"}"""), 400, "invalid_enum", "role");
        await ValidationTests.AssertProblem(await server.Admin.DeleteAsync("/v1/keys/key_nope"), 404, "not_found", "id");
    }

    [Fact]
    public async Task AnotherAccount_Gets404ForTasksAndFiles()
    {
        var alice = await server.NewAccountAsync("alice");
        var bob = await server.NewAccountAsync("bob");
        var task = await alice.CreateVideoAsync(new { prompt = "alice's private lake", duration = 4, generate_audio = false });
        var id = task.Str("id");
        var png = await Ffprobe.MakeImageAsync(64, 36, "png");
        var upload = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "a.png" } };
        var file = await (await alice.PostAsync("/v1/files", upload)).Json();

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/v1/videos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/v1/videos/{id}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/v1/videos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/v1/files/{file.Str("id")}")).StatusCode);
        Assert.Empty((await (await bob.GetAsync("/v1/videos")).Json())["data"]!.AsArray());
        await ValidationTests.AssertProblem(await bob.PostJson("/v1/videos", $$"""{"prompt":"x","images":["{{file.Str("id")}}"]}"""), 400, "file_not_found", "images");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/v1/videos/{id}")).StatusCode);
    }
}
