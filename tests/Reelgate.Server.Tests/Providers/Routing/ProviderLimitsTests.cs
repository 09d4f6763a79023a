using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Providers.Routing;

/// A provider's concurrency cap (excess waits in our queue, never goes upstream) and the overall
/// deadline of an accepted upstream job.
public sealed class ProviderLimitsTests : IAsyncLifetime
{
    FakeUpstreams upstream = null!;
    ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstreams.StartAsync();
        upstream.PollsBeforeDone = 1_000_000;
        server = new ServerProcess(new()
        {
            ["Providers__DeadlineMinutes"] = "0.05",
            ["Providers__OpenAiCompatible__Enabled"] = "true", ["Providers__OpenAiCompatible__BaseUrl"] = upstream.Url,
            ["Providers__OpenAiCompatible__MaxConcurrency"] = "1", ["Providers__OpenAiCompatible__PollSeconds"] = "0.2",
            ["Providers__OpenAiCompatible__MaxPollSeconds"] = "0.4",
            ["Providers__OpenAiCompatible__Models__veo-3.1-fast-generate-preview"] = "sora-2",
        });
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task OverTheCap_WaitsInOurQueue_AndTheDeadlineFailsAnAcceptedJob()
    {
        var client = await server.NewAccountAsync();
        var body = new { model = "veo3.1-fast", prompt = "waits its turn", duration = 4, resolution = "720p", generate_audio = false };
        var a = (await client.CreateVideoAsync(body)).Str("id");
        var b = (await client.CreateVideoAsync(body)).Str("id");
        // Both are claimed at once (two worker slots); whichever gets the provider's one slot first
        // submits, and the other waits for the slot. The count is read before the waiting gauge:
        // a task still waiting has not submitted, so the count read earlier is every submit.
        var submits = 0;
        await Signals.UntilAsync(async () =>
        {
            submits = upstream.Count("POST /v1/videos");
            return submits > 0 && await server.MetricAsync("reelgate_provider_slot_waiting{provider=\"openai-compatible\"}") == 1;
        }, "one task submitted upstream and the other waiting for the provider's slot");
        Assert.Equal(1, submits);
        var tried = await Task.WhenAll(new[] { a, b }.Select(async id => (await client.WaitAsync(id, until: _ => true))["provider_attempts"]!.AsArray().Count));
        Assert.Equal([0, 1], tried.Order());

        var first = await client.WaitAsync(a, seconds: 30);
        Assert.Equal(("failed", "upstream_timeout"), (first.Str("status"), first["error"]!.Str("code")));
        var second = await client.WaitAsync(b, seconds: 30);
        Assert.Equal(("failed", "upstream_timeout"), (second.Str("status"), second["error"]!.Str("code")));
        Assert.Equal(2, upstream.Count("POST /v1/videos"));
    }
}
