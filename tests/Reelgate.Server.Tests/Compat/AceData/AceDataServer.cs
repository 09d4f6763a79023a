using Reelgate.Server.Tests.Support;
using Reelgate.Server.Tests.Webhooks;

namespace Reelgate.Server.Tests.Compat.AceData;

/// One server (fake provider, http callbacks allowed, the test tiers) and one callback receiver
/// for the AceData tests; each test makes its own account.
public sealed class AceDataServer : IAsyncLifetime
{
    public ServerProcess Server { get; } = new(WebhookDeliveryTests.Settings());

    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await Server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// A client as AceData's samples set it up: `authorization: Bearer {token}`, `accept: application/json`.
    public HttpClient Client(string key)
    {
        var c = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromMinutes(3) };
        c.DefaultRequestHeaders.TryAddWithoutValidation("accept", "application/json");
        c.DefaultRequestHeaders.TryAddWithoutValidation("authorization", $"Bearer {key}");
        return c;
    }
}
