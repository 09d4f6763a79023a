using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;
using Reelgate.Server.Tests.Tasks;

namespace Reelgate.Server.Tests.Accounts;

/// Each authentication outcome over real HTTP (account_suspended has no HTTP way in yet: see
/// KeyCheckTests), and what POST /v1/keys accepts.
[Collection(SharedServerCollection.Name)]
public sealed class KeyAuthTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    async Task<JsonNode> CreateKey(object body)
    {
        var res = await server.Admin.PostAsJsonAsync("/v1/keys", body);
        var json = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json;
    }

    [Fact]
    public async Task Create_ShowsEveryOptionAndTheSecretOnce()
    {
        var expires = Now + 3600;
        var key = await CreateKey(new { label = "ci runner", role = "service", expires_at = expires, ip_allowlist = new[] { "127.0.0.0/8", "::1" }, sandbox = true });
        Assert.Equal("ci runner", key.Str("name"));
        Assert.Equal("service", key.Str("role"));
        Assert.Equal(expires, key["expires_at"]!.GetValue<long>());
        Assert.Equal(["127.0.0.0/8", "::1/128"], key["ip_allowlist"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(key["sandbox"]!.GetValue<bool>());
        Assert.Null(key["last_used_at"]);
        Assert.Null(key["previous_expires_at"]);
        Assert.StartsWith("rg_", key.Str("secret"));

        var plain = await CreateKey(new { name = "plain" });
        Assert.Equal("standard", plain.Str("role"));
        Assert.Null(plain["expires_at"]);
        Assert.Null(plain["ip_allowlist"]);
        Assert.False(plain["sandbox"]!.GetValue<bool>());

        var listed = (await (await server.Admin.GetAsync($"/v1/keys?account_id={key.Str("account_id")}")).Json())["data"]!.AsArray();
        var only = Assert.Single(listed)!;
        Assert.Equal(key.Str("id"), only.Str("id"));
        Assert.Null(only["secret"]);
        Assert.Equal(2, only["ip_allowlist"]!.AsArray().Count);
    }

    [Fact]
    public async Task List_FiltersByAccount()
    {
        var first = await CreateKey(new { name = "first" });
        var second = await CreateKey(new { name = "second", account_id = first.Str("account_id") });
        var other = await CreateKey(new { name = "other" });
        var listed = (await (await server.Admin.GetAsync($"/v1/keys?account_id={first.Str("account_id")}")).Json())["data"]!.AsArray();
        Assert.Equal([first.Str("id"), second.Str("id")], listed.Select(k => k!.Str("id")));
        // Unfiltered, every account's keys: walk the pages (the shared server holds many keys).
        var all = new List<string>();
        for (string? after = null; ;)
        {
            var page = (await (await server.Admin.GetAsync($"/v1/keys?limit=100{(after is null ? "" : $"&after={after}")}")).Json())!;
            all.AddRange(page.AssertPage());
            if (!page["has_more"]!.GetValue<bool>()) break;
            after = page.Str("last_id");
        }
        Assert.Contains(other.Str("id"), all);
        Assert.Empty((await (await server.Admin.GetAsync("/v1/keys?account_id=acct_nobody")).Json())["data"]!.AsArray());
    }

    [Fact]
    public async Task ServiceKey_UsesTheVideoApiButCannotManageKeys()
    {
        var key = await CreateKey(new { name = "service", role = "service" });
        var service = server.ClientFor(key.Str("secret"));
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync("/v1/videos")).StatusCode);
        await ValidationTests.AssertProblem(await service.GetAsync("/v1/keys"), 403, "admin_required", "Authorization");
        await ValidationTests.AssertProblem(await service.PostJson($"/v1/keys/{key.Str("id")}/rotate", "{}"), 403, "admin_required", "Authorization");
    }

    [Fact]
    public async Task ExpiredKey_Gets401KeyExpired()
    {
        var key = await CreateKey(new { name = "short-lived", expires_at = Now + 2 });
        var api = server.ClientFor(key.Str("secret"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/videos")).StatusCode); // and now cached
        await Task.Delay(TimeSpan.FromSeconds(key["expires_at"]!.GetValue<long>() - Now + 1.2));
        await ValidationTests.AssertProblem(await api.GetAsync("/v1/videos"), 401, "key_expired", "Authorization");
    }

    [Fact]
    public async Task AllowList_Refuses127001OutsideIt_AndAdmitsItInside()
    {
        var outside = server.ClientFor((await CreateKey(new { name = "office only", ip_allowlist = new[] { "10.0.0.0/8" } })).Str("secret"));
        await ValidationTests.AssertProblem(await outside.GetAsync("/v1/videos"), 403, "ip_not_allowed", "Authorization");
        await ValidationTests.AssertProblem(await outside.GetAsync("/v1/videos"), 403, "ip_not_allowed", "Authorization"); // from the cache too

        var inside = server.ClientFor((await CreateKey(new { name = "loopback", ip_allowlist = new[] { "127.0.0.0/8" } })).Str("secret"));
        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/v1/videos")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/v1/videos")).StatusCode);
    }

    [Fact]
    public async Task RevokedKey_Gets401KeyRevoked_AndAnUnknownOneInvalidApiKey()
    {
        var key = await CreateKey(new { name = "to revoke" });
        var api = server.ClientFor(key.Str("secret"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/videos")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.DeleteAsync($"/v1/keys/{key.Str("id")}")).StatusCode);
        await ValidationTests.AssertProblem(await api.GetAsync("/v1/videos"), 401, "key_revoked", "Authorization");
        await ValidationTests.AssertProblem(await server.ClientFor(key.Str("secret") + "x").GetAsync("/v1/videos"), 401, "invalid_api_key", "Authorization");
    }

    [Theory]
    [InlineData("""{"expires_at":1}""", "invalid_parameter")]
    [InlineData("""{"expires_at":-5}""", "invalid_parameter")]
    [InlineData("""{"expires_at":4102444800000}""", "invalid_parameter")]
    [InlineData("""{"expires_at":"tomorrow"}""", "invalid_type")]
    [InlineData("""{"expires_at":1.5}""", "invalid_type")]
    public async Task Create_WithABadExpiry_Returns400NamingExpiresAt(string body, string code) =>
        await ValidationTests.AssertProblem(await server.Admin.PostJson("/v1/keys", body), 400, code, "expires_at");

    [Fact]
    public async Task Create_WithAnExpiryInThePast_SaysItMustBeInTheFuture()
    {
        var res = await server.Admin.PostJson("/v1/keys", $$"""{"expires_at":{{Now - 10}}}""");
        var body = await res.Json();
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("expires_at", body.Str("param"));
        Assert.Contains("future", body.Str("message"));
    }

    [Theory]
    [InlineData("""{"ip_allowlist":["10.0.0.0/8","nope"]}""", "invalid_parameter")]
    [InlineData("""{"ip_allowlist":["10.0.0.1/8"]}""", "invalid_parameter")]
    [InlineData("""{"ip_allowlist":["10.0.0.0/40"]}""", "invalid_parameter")]
    [InlineData("""{"ip_allowlist":["2001:db8::/200"]}""", "invalid_parameter")]
    [InlineData("""{"ip_allowlist":[""]}""", "invalid_parameter")]
    [InlineData("""{"ip_allowlist":[10]}""", "invalid_type")]
    [InlineData("""{"ip_allowlist":{"a":"10.0.0.0/8"}}""", "invalid_type")]
    public async Task Create_WithABadAllowList_Returns400NamingIpAllowlist(string body, string code) =>
        await ValidationTests.AssertProblem(await server.Admin.PostJson("/v1/keys", body), 400, code, "ip_allowlist");

    [Fact]
    public async Task Create_WithMoreThan50AllowListEntries_Returns400()
    {
        var entries = Enumerable.Range(0, 51).Select(i => $"10.{i}.0.0/16").ToArray();
        await ValidationTests.AssertProblem(await server.Admin.PostAsJsonAsync("/v1/keys", new { ip_allowlist = entries }), 400, "invalid_parameter", "ip_allowlist");
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PostAsJsonAsync("/v1/keys", new { ip_allowlist = entries[..50] })).StatusCode);
    }

    [Fact]
    public async Task Create_WithABadSandboxOrRole_Returns400()
    {
        await ValidationTests.AssertProblem(await server.Admin.PostJson("/v1/keys", """{"sandbox":"yes"}"""), 400, "invalid_type", "sandbox");
        await ValidationTests.AssertProblem(await server.Admin.PostJson("/v1/keys", """{"role":"owner"}"""), 400, "invalid_enum", "role");
    }
}
