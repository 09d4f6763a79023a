namespace Reelgate.Server.Tests.Support;

/// A class fixture: one server (fake provider, loopback http callbacks allowed, the test tiers)
/// and one callback receiver; each test makes its own account. A dialect's fixture adds its
/// client-side helpers.
public abstract class CallbackServer : IAsyncLifetime
{
    public ServerProcess Server { get; } = new(Webhooks.WebhookDeliveryTests.Settings());

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
}
