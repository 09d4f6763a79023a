using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;
using Reelgate.Server.Tests.Tasks;

namespace Reelgate.Server.Tests.Accounts;

[Collection(SharedServerCollection.Name)]
public sealed class KeyRotationTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    async Task<(string Id, string Secret)> NewKey()
    {
        var key = await (await server.Admin.PostAsJsonAsync("/v1/keys", new { name = "rotating" })).Json();
        return (key.Str("id"), key.Str("secret"));
    }

    [Fact]
    public async Task Rotate_KeepsTheOldSecretForTheDefaultDay_AndShowsTheNewOneOnce()
    {
        var (id, old) = await NewKey();
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(old).GetAsync("/v1/videos")).StatusCode); // cached as current

        var res = await server.Admin.PostAsync($"/v1/keys/{id}/rotate", null);
        var rotated = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.OK, rotated.ToJsonString());
        var fresh = rotated.Str("secret");
        Assert.Equal(id, rotated.Str("id"));
        Assert.NotEqual(old, fresh);
        Assert.StartsWith(rotated.Str("prefix"), fresh);
        var graceEnd = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        Assert.InRange(rotated["previous_expires_at"]!.GetValue<long>(), graceEnd - 60, graceEnd + 1);

        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(old).GetAsync("/v1/videos")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(fresh).GetAsync("/v1/videos")).StatusCode);
        var listed = (await (await server.Admin.GetAsync("/v1/keys")).Json())["data"]!.AsArray().Single(k => k!.Str("id") == id)!;
        Assert.Null(listed["secret"]);
        Assert.Equal(rotated.Str("prefix"), listed.Str("prefix"));
        Assert.DoesNotContain(fresh, (await server.Admin.GetStringAsync("/v1/keys")));
    }

    [Fact]
    public async Task Rotate_WithOneSecondOfGrace_ExpiresTheOldSecretAndKeepsTheNewOne()
    {
        var (id, old) = await NewKey();
        var fresh = (await (await server.Admin.PostJson($"/v1/keys/{id}/rotate", """{"grace_seconds":1}""")).Json()).Str("secret");
        var oldApi = server.ClientFor(old);
        var newApi = server.ClientFor(fresh);
        Assert.Equal(HttpStatusCode.OK, (await oldApi.GetAsync("/v1/videos")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newApi.GetAsync("/v1/videos")).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2));
        await ValidationTests.AssertProblem(await oldApi.GetAsync("/v1/videos"), 401, "key_expired", "Authorization");
        Assert.Equal(HttpStatusCode.OK, (await newApi.GetAsync("/v1/videos")).StatusCode);
    }

    [Fact]
    public async Task Rotate_WithNoGrace_EndsTheOldSecretAtOnce_AndASecondRotationForgetsTheFirstSecret()
    {
        var (id, first) = await NewKey();
        var second = (await (await server.Admin.PostJson($"/v1/keys/{id}/rotate", """{"grace_seconds":0}""")).Json()).Str("secret");
        await ValidationTests.AssertProblem(await server.ClientFor(first).GetAsync("/v1/videos"), 401, "key_expired", "Authorization");

        var third = (await (await server.Admin.PostJson($"/v1/keys/{id}/rotate", """{"grace_seconds":60}""")).Json()).Str("secret");
        await ValidationTests.AssertProblem(await server.ClientFor(first).GetAsync("/v1/videos"), 401, "invalid_api_key", "Authorization");
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(second).GetAsync("/v1/videos")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(third).GetAsync("/v1/videos")).StatusCode);
    }

    [Fact]
    public async Task RevokingARotatedKey_StopsBothSecrets()
    {
        var (id, old) = await NewKey();
        var fresh = (await (await server.Admin.PostAsync($"/v1/keys/{id}/rotate", null)).Json()).Str("secret");
        await server.Admin.DeleteAsync($"/v1/keys/{id}");
        await ValidationTests.AssertProblem(await server.ClientFor(old).GetAsync("/v1/videos"), 401, "key_revoked", "Authorization");
        await ValidationTests.AssertProblem(await server.ClientFor(fresh).GetAsync("/v1/videos"), 401, "key_revoked", "Authorization");
    }

    [Fact]
    public async Task Rotate_ARevokedOrUnknownKey_IsRefused()
    {
        var (id, _) = await NewKey();
        await server.Admin.DeleteAsync($"/v1/keys/{id}");
        await ValidationTests.AssertProblem(await server.Admin.PostAsync($"/v1/keys/{id}/rotate", null), 409, "key_revoked", "id");
        await ValidationTests.AssertProblem(await server.Admin.PostAsync("/v1/keys/key_nope/rotate", null), 404, "not_found", "id");
    }

    [Theory]
    [InlineData("""{"grace_seconds":-1}""", "invalid_parameter")]
    [InlineData("""{"grace_seconds":2592001}""", "invalid_parameter")]
    [InlineData("""{"grace_seconds":"soon"}""", "invalid_type")]
    public async Task Rotate_WithABadGrace_Returns400(string body, string code)
    {
        var (id, secret) = await NewKey();
        await ValidationTests.AssertProblem(await server.Admin.PostJson($"/v1/keys/{id}/rotate", body), 400, code, "grace_seconds");
        Assert.Equal(HttpStatusCode.OK, (await server.ClientFor(secret).GetAsync("/v1/videos")).StatusCode);
    }
}
