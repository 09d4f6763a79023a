using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Webhooks;

/// SIGKILL around a delivery: the outbox row survives, the webhook still arrives (with the same
/// webhook-id if an attempt was cut off), and the task is charged once.
public sealed class WebhookCrashTests : IAsyncLifetime
{
    readonly ServerProcess first = new(WebhookDeliveryTests.Settings(new() { ["Webhooks__Deliver"] = "false" }));
    ServerProcess? second;
    WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        await first.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (second is not null) await second.DisposeAsync();
        await first.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task KilledBetweenStatusChangeAndDelivery_DeliversAfterRestart_ChargedOnce()
    {
        var (account, client) = await Billing.Accounts.CreateAsync(first, "metered", credits: 100, role: "service");
        var secret = (await (await client.PostAsync("/v1/webhooks/callback_secret", null)).Json()).Str("secret");
        var task = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "crash test", duration = 4, resolution = "720p", generate_audio = false, callback_url = receiver.Url });
        var id = task.Str("id");
        Assert.Equal("completed", (await client.WaitAsync(id)).Str("status"));
        var pending = (await (await client.GetAsync($"/v1/webhooks/deliveries?task_id={id}")).Json())["data"]![0]!;
        Assert.Equal(("pending", 0), (pending.Str("status"), pending["attempts"]!.GetValue<int>()));

        first.Kill();
        second = first.Sibling(new() { ["Webhooks__Deliver"] = "true" });
        await second.StartAsync();
        await receiver.WaitForAsync(r => r.Count >= 1);
        // Recorded as succeeded, the row is never claimed again: nothing more is on its way.
        var viaSecond = second.ClientFor(client.DefaultRequestHeaders.Authorization!.Parameter!);
        await Signals.UntilAsync(async () => (await DeliveryAsync(viaSecond, id)).Str("status") == "succeeded", "the delivery recorded as succeeded");
        var delivery = Assert.Single(receiver.Requests);
        Assert.Equal(pending.Str("id"), delivery.Id);
        Assert.True(WebhookReceiver.Verifies(delivery, secret));
        Assert.Equal("completed", delivery.Json["data"]!.Str("status"));

        var ledger = await Billing.Accounts.LedgerAsync(second, account);
        Assert.Single(ledger, e => e.Str("kind") == "settle" && e["task_id"]?.ToString() == id);
        Assert.Equal(100m - 4 * 5.76m, await Billing.Accounts.BalanceAsync(second, account));
        await Billing.Accounts.AssertLedgerConsistentAsync(second, account);
    }

    [Fact]
    public async Task KilledDuringAnAttempt_SendsAgainWithTheSameWebhookId()
    {
        await first.StopAsync();
        var sender = first.Sibling(new() { ["Webhooks__Deliver"] = "true" });
        await sender.StartAsync();
        var key = (await (await sender.Admin.PostAsJsonAsync("/v1/keys", new { name = "hooks", role = "service" })).Json()).Str("secret");
        var client = sender.ClientFor(key);
        receiver.Respond = (_, before) => before == 0 ? new(200, DelayMs: 30_000) : new(200);
        var task = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "cut off", duration = 4, resolution = "720p", generate_audio = false, callback_url = receiver.Url });
        await receiver.WaitForAsync(r => r.Count >= 1);
        sender.Kill(); // well within the 2 s attempt timeout: the attempt is cut off, not timed out

        second = first.Sibling(new() { ["Webhooks__Deliver"] = "true" });
        await second.StartAsync();
        await receiver.WaitForAsync(r => r.Count >= 2, seconds: 60);
        var after = second.ClientFor(key);
        await Signals.UntilAsync(async () => (await DeliveryAsync(after, task.Str("id"))).Str("status") == "succeeded", "the delivery recorded as succeeded");
        var all = receiver.Requests.ToList();
        Assert.Equal(2, all.Count);
        Assert.Single(all.Select(r => r.Id).Distinct());
        // The cut-off attempt was never recorded; the one after the lease expired was, as the first.
        var log = await DeliveryAsync(after, task.Str("id"));
        var attempt = Assert.Single(log["attempt_log"]!.AsArray())!;
        Assert.Equal((1, 200), (attempt["attempt"]!.GetValue<int>(), attempt["status_code"]!.GetValue<int>()));
        await sender.DisposeAsync();
    }

    static async Task<System.Text.Json.Nodes.JsonNode> DeliveryAsync(HttpClient client, string taskId) =>
        (await (await client.GetAsync($"/v1/webhooks/deliveries?task_id={taskId}")).Json())["data"]![0]!;
}
