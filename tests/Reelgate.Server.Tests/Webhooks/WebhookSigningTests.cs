using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reelgate.Server.Webhooks;

namespace Reelgate.Server.Tests.Webhooks;

public sealed class WebhookSigningTests
{
    [Fact]
    public void Signature_MatchesTheStandardWebhooksTestVector()
    {
        // The example in the Standard Webhooks specification and its reference libraries.
        var sig = WebhookSignature.Standard(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
            Encoding.UTF8.GetBytes("{\"test\": 2432232314}"));
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", sig);
    }

    [Fact]
    public void Rotation_SignsWithBothSecrets_UntilThePreviousExpires()
    {
        var (a, b) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());
        Assert.Equal([a, b], WebhookSignature.Valid(a, b, 2000, now: 1000));
        Assert.Equal([a], WebhookSignature.Valid(a, b, 2000, now: 2000));
        Assert.Equal([a], WebhookSignature.Valid(a, null, null, now: 0));
        var header = WebhookSignature.Standard([a, b], "msg_1", 5, "{}"u8);
        Assert.Equal(2, header.Split(' ').Length);
        Assert.All(header.Split(' '), s => Assert.StartsWith("v1,", s));
        Assert.Equal(32, WebhookSignature.Key(a).Length);
    }

    [Fact]
    public void LegacySignature_IsHexHmacOfTheBody()
    {
        Assert.Equal("sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("whsec_x"u8.ToArray(), "{}"u8.ToArray())),
            WebhookSignature.Legacy("whsec_x", "{}"u8));
    }

    static readonly double[] Schedule = [0, 5, 300];

    [Theory]
    [InlineData(200, 1, "succeeded", null, false)]
    [InlineData(204, 3, "succeeded", null, false)]
    [InlineData(410, 1, "failed", null, true)]
    [InlineData(500, 1, "pending", 5_000L, false)]
    [InlineData(302, 2, "pending", 300_000L, false)]
    [InlineData(null, 2, "pending", 300_000L, false)]
    [InlineData(500, 3, "failed", null, false)]
    [InlineData(404, 3, "failed", null, false)]
    public void RetryPolicy_FollowsTheSchedule(int? status, int attempts, string outcome, long? wait, bool disable)
    {
        var d = RetryPolicy.Decide(status, attempts, Schedule, now: 1_000);
        Assert.Equal(outcome, d.Status);
        Assert.Equal(wait is null ? null : 1_000 + wait, d.NextAttemptAt);
        Assert.Equal(disable, d.DisableEndpoint);
    }

    [Theory]
    [InlineData("0,5,300", 3)]
    [InlineData(" 0 , 0.5 ", 2)]
    public void Schedule_Parses(string text, int count) =>
        Assert.Equal(count, new WebhooksOptions { RetrySchedule = text }.Schedule().Length);

    [Theory]
    [InlineData("0,-1")]
    [InlineData("soon")]
    [InlineData("")]
    public void BadSchedule_StopsStartup(string text)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Webhooks:RetrySchedule"] = text }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddWebhooks(config, workerRole: false);
        using var sp = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Webhooks:RetrySchedule", e.Message);
    }

    /// The address is vetted when the connection is made, not only at create time: a receiver on
    /// loopback is refused without AllowPrivateNetworks, even though the URL was once accepted.
    [Fact]
    public async Task Sender_RefusesInternalAddresses_AtConnectTime()
    {
        await using var receiver = await Support.WebhookReceiver.StartAsync();
        using var guarded = new DeliverySender(new WebhooksOptions { AllowHttp = true });
        var refused = await guarded.SendAsync(receiver.Url, "{}"u8.ToArray(), [], CancellationToken.None);
        Assert.Null(refused.StatusCode);
        Assert.Contains("private or reserved", refused.Error);
        Assert.Empty(receiver.Requests);

        using var open = new DeliverySender(new WebhooksOptions { AllowHttp = true, AllowPrivateNetworks = true });
        var ok = await open.SendAsync(receiver.Url, "{}"u8.ToArray(), [("webhook-id", "msg_1")], CancellationToken.None);
        Assert.Equal((int)HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(receiver.Requests);
    }
}
