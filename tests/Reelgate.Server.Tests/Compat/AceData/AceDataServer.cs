using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.AceData;

/// One server (fake provider, http callbacks allowed, the test tiers) and one callback receiver
/// for the AceData tests; each test makes its own account.
public sealed class AceDataServer : CallbackServer
{
    /// A client as AceData's samples set it up: `authorization: Bearer {token}`, `accept: application/json`.
    public HttpClient Client(string key)
    {
        var c = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromMinutes(3) };
        c.DefaultRequestHeaders.TryAddWithoutValidation("accept", "application/json");
        c.DefaultRequestHeaders.TryAddWithoutValidation("authorization", $"Bearer {key}");
        return c;
    }
}
