using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;
using Reelgate.Server.Webhooks;

namespace Reelgate.Server.Tests.Webhooks;

public sealed class CallbackUrlGuardTests
{
    static readonly WebhooksOptions Strict = new();
    static readonly WebhooksOptions Local = new() { AllowHttp = true, AllowPrivateNetworks = true };

    /// Every spelling of an internal address is refused: the URL parser turns IPv4 literals into
    /// their address, and the address check judges the address (embedded IPv4 included).
    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.1/hook")]                       // short form
    [InlineData("https://2130706433/hook")]                  // decimal
    [InlineData("https://0177.0.0.1/hook")]                  // octal
    [InlineData("https://0x7f.0.0.1/hook")]                  // hex
    [InlineData("https://0x7f000001/hook")]                  // hex, one number
    [InlineData("https://[::1]/hook")]                       // IPv6 loopback
    [InlineData("https://[::ffff:127.0.0.1]/hook")]          // IPv4-mapped IPv6
    [InlineData("https://[::ffff:7f00:1]/hook")]             // the same, hex groups
    [InlineData("https://[64:ff9b::a00:1]/hook")]            // NAT64 of 10.0.0.1
    [InlineData("https://10.1.2.3/hook")]                    // private
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://100.64.0.1/hook")]                  // CGNAT
    [InlineData("https://169.254.169.254/latest/meta-data")] // cloud metadata
    [InlineData("https://[fd00:ec2::254]/hook")]             // AWS metadata over IPv6 (unique-local)
    [InlineData("https://[fe80::1]/hook")]                   // link-local
    [InlineData("https://[fc00::1]/hook")]                   // unique-local
    [InlineData("https://224.0.0.1/hook")]                   // multicast
    [InlineData("https://[ff02::1]/hook")]
    [InlineData("https://0.0.0.0/hook")]                     // unspecified
    [InlineData("https://[::]/hook")]
    [InlineData("https://255.255.255.255/hook")]             // broadcast / reserved
    public void InternalAddresses_InEverySpelling_AreRefused(string url)
    {
        var (uri, error) = CallbackUrlGuard.CheckSyntax(url, Strict);
        Assert.Null(error);
        var literal = CallbackUrlGuard.Literal(uri!);
        Assert.NotNull(literal);
        var refused = CallbackUrlGuard.CheckAddresses([literal], Strict);
        Assert.Equal("invalid_callback_url", refused?.Code);
        Assert.Null(CallbackUrlGuard.CheckAddresses([literal], Local));
    }

    [Theory]
    [InlineData("http://example.com/hook", "https")]
    [InlineData("ftp://example.com/hook", "https")]
    [InlineData("https://user:pw@example.com/hook", "user")]
    [InlineData("https://localhost/hook", "this machine")]
    [InlineData("https://api.localhost/hook", "this machine")]
    [InlineData("https://LOCALHOST./hook", "this machine")]
    [InlineData("/relative/hook", "absolute")]
    [InlineData("not a url", "absolute")]
    public void UrlsRefusedBeforeResolving(string url, string reason)
    {
        var (_, error) = CallbackUrlGuard.CheckSyntax(url, Strict);
        Assert.Equal("invalid_callback_url", error?.Code);
        Assert.Equal("callback_url", error!.Param);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void LongUrls_AndNamesResolvingToAnyInternalAddress_AreRefused()
    {
        Assert.Equal("invalid_callback_url", CallbackUrlGuard.CheckSyntax("https://example.com/" + new string('a', 2030), Strict).Error?.Code);
        Assert.Null(CallbackUrlGuard.CheckSyntax("https://example.com/" + new string('a', 2000), Strict).Error);
        // A name is judged by everything it resolves to: one internal address among public ones is refused.
        Assert.Null(CallbackUrlGuard.CheckAddresses([IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c")], Strict));
        Assert.NotNull(CallbackUrlGuard.CheckAddresses([IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.7")], Strict));
        Assert.NotNull(CallbackUrlGuard.CheckAddresses([], Strict));
        Assert.Null(CallbackUrlGuard.CheckSyntax("http://127.0.0.1:9/hook", Local).Error);
    }
}

public sealed class CallbackUrlCreateTests
{
    [Fact]
    public async Task Create_RefusesInternalCallbacks_WithItsCode_UnlessConfiguredForLocalReceivers()
    {
        await using var strict = new ServerProcess(new() { ["Roles"] = "api" });
        await strict.StartAsync();
        var client = await strict.NewAccountAsync();
        foreach (var url in new[] { "https://127.0.0.1/hook", "https://localhost/hook", "https://[::ffff:10.0.0.1]/hook", "http://example.com/hook", "https://example.com/" + new string('a', 2040) })
        {
            var res = await client.PostAsJsonAsync("/v1/videos", new { prompt = "hook", duration = 4, callback_url = url });
            var body = await res.Json();
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Equal("invalid_callback_url", body.Str("code"));
            Assert.Equal("callback_url", body.Str("param"));
        }

        await using var local = new ServerProcess(new() { ["Roles"] = "api", ["Webhooks__AllowHttp"] = "true", ["Webhooks__AllowPrivateNetworks"] = "true" });
        await local.StartAsync();
        var dev = await local.NewAccountAsync();
        var ok = await dev.PostAsJsonAsync("/v1/videos", new { prompt = "hook", duration = 4, callback_url = "http://127.0.0.1:9/hook" });
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal("http://127.0.0.1:9/hook", (await ok.Json()).Str("callback_url"));
    }
}
