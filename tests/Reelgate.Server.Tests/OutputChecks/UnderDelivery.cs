using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.OutputChecks;

/// A server whose remote providers (the Gemini API and an OpenAI-style /v1/videos, both
/// Support/FakeUpstreams) under-deliver when the prompt says how: a marker in the prompt picks the
/// way, so one upstream serves every case.
public sealed class UnderDelivery : IAsyncDisposable
{
    public FakeUpstreams Upstream { get; }
    public ServerProcess Server { get; }

    UnderDelivery(FakeUpstreams upstream, ServerProcess server) => (Upstream, Server) = (upstream, server);

    public static async Task<UnderDelivery> StartAsync(bool acceptDowngrades)
    {
        var upstream = await FakeUpstreams.StartAsync();
        upstream.Deliver = (body, asked) => body switch
        {
            _ when body.Contains("[half-size]") => asked with { Width = asked.Width / 2, Height = asked.Height / 2 },
            _ when body.Contains("[short]") => asked with { Seconds = asked.Seconds / 2 },
            _ when body.Contains("[24fps]") => asked with { Fps = 24 },
            _ when body.Contains("[silent]") => asked with { Audio = false },
            _ => asked,
        };
        upstream.Samples = (body, asked) => body.Contains("[one-sample]") ? 1 : asked;
        var settings = upstream.BothProviders();
        settings["Media__AcceptDowngrades"] = acceptDowngrades ? "true" : "false";
        var server = new ServerProcess(Billing.Accounts.Tiers(settings));
        await server.StartAsync();
        return new UnderDelivery(upstream, server);
    }

    /// Each way to under-deliver: the request (veo3.1-fast: 5.76 credits/s, 8.64 with audio,
    /// 17.28 at 4k), the field of {asked, delivered} that differs, the price held and the price of
    /// what is delivered.
    public static readonly TheoryData<string, string, string, string, decimal, decimal> Cases = new()
    {
        { "resolution", """{"prompt":"[half-size] a kite","duration":8,"resolution":"4k"}""", "resolution", "4k|1080p", 138.24m, 46.08m },
        { "duration", """{"prompt":"[short] a kite","duration":8}""", "duration", "8|4", 46.08m, 23.04m },
        { "fps", """{"prompt":"[24fps] a kite","duration":4,"fps":30}""", "fps", "30|24", 23.04m, 23.04m },
        { "audio", """{"prompt":"[silent] a kite","duration":4,"generate_audio":true}""", "audio", "true|false", 34.56m, 23.04m },
        { "count", """{"prompt":"[one-sample] a kite","duration":4,"n":2}""", "n", "2|1", 46.08m, 23.04m },
    };

    /// The case's request with the defaults every case shares (720p, no audio, veo3.1-fast).
    public static JsonObject Request(string json)
    {
        var r = JsonNode.Parse(json)!.AsObject();
        r["model"] = "veo3.1-fast";
        r["resolution"] ??= "720p";
        r["generate_audio"] ??= false;
        return r;
    }

    /// A task of a new account with 1000 credits, held at `held`, waited for until it ends.
    public async Task<(string Account, JsonNode Task, JsonNode Done)> RunAsync(string request, decimal held)
    {
        var (account, client) = await Billing.Accounts.CreateAsync(Server, "metered", credits: 1000);
        var res = await client.PostAsJsonAsync("/v1/videos", Request(request));
        var task = await res.Json();
        Assert.True(res.IsSuccessStatusCode, task.ToJsonString());
        Assert.Equal(held, task["credits"]!.GetValue<decimal>());
        return (account, task, await client.WaitAsync(task.Str("id")));
    }

    /// {asked, delivered} differ in `field` as `values` says ("asked|delivered").
    public static void AssertDiffers(JsonNode? comparison, string field, string values, JsonNode done)
    {
        Assert.True(comparison?["asked"]?[field] is not null && comparison["delivered"]?[field] is not null, done.ToJsonString());
        Assert.Equal(values, $"{comparison["asked"]![field]!.ToJsonString().Trim('"')}|{comparison["delivered"]![field]!.ToJsonString().Trim('"')}");
    }

    /// The ledger kinds of one task, in order.
    public async Task<List<JsonNode>> LedgerAsync(string account, JsonNode task) =>
        (await Billing.Accounts.LedgerAsync(Server, account)).Where(e => e["task_id"]?.ToString() == task.Str("id")).ToList();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
