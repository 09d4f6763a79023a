using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Doitong;

/// One server for the Doitong tests (fake provider, loopback callbacks allowed) and the
/// client-side helpers a Doitong client would have.
public sealed class DoitongServer : CallbackServer
{
    /// A new account's key (service role: it may read its callback secret).
    public async Task<string> KeyAsync(string tier = "unlimited", decimal credits = 0)
    {
        var (_, client) = await Billing.Accounts.CreateAsync(Server, tier, credits, role: "service");
        return client.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    /// Doitong's GraphQL header (`Authorization: Bearer`).
    public HttpClient GraphQLClient(string key) => Server.ClientFor(key);

    /// Doitong's REST header (`X-API-Key`).
    public HttpClient RestClient(string key)
    {
        var c = NoKey();
        c.DefaultRequestHeaders.Add("X-API-Key", key);
        return c;
    }

    public HttpClient NoKey() => new() { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static async Task<(HttpResponseMessage Res, JsonNode Body)> GraphQLAsync(HttpClient c, string query, object? variables = null)
    {
        var res = await c.PostAsync("/graphql", Json(JsonSerializer.Serialize(new { query, variables })));
        return (res, await res.Json());
    }

    /// Polls `generation(id:)` as the seed's polling example does, until it is no longer processing.
    public static async Task<JsonNode> UntilDoneAsync(HttpClient c, string id)
    {
        JsonNode? last = null;
        await Signals.UntilAsync(async () =>
        {
            var (_, body) = await GraphQLAsync(c, "query($id: ID!) { generation(id: $id) { id status url metadata creditCost error } }", new { id });
            last = body["data"]?["generation"];
            return last?["status"]?.GetValue<string>() is not (null or "processing");
        }, $"generation {id} ends", seconds: 120);
        return last!;
    }

    /// Downloads `url` with no key and checks it is an MP4 with a video stream.
    public async Task<JsonNode> DownloadAsync(string url)
    {
        Assert.DoesNotContain("key=", url);
        using var c = NoKey();
        var bytes = await c.GetByteArrayAsync(url);
        var probe = await Ffprobe.ProbeAsync(bytes);
        Assert.NotNull(probe.Stream("video"));
        return probe;
    }

    /// Seed 001's webhook security, as a Doitong client verifies it: `X-Doitong-Signature:
    /// sha256=<hex>` over the raw body, keyed with the secret as written.
    public static bool DoitongSignatureVerifies(string? header, byte[] body, string secret) =>
        header == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
