namespace Reelgate.Server.Webhooks;

internal sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// Allow `http://` callback URLs. For development and tests only.
    public bool AllowHttp { get; set; }

    /// Allow callbacks to loopback, private and other internal addresses. For development and tests only.
    public bool AllowPrivateNetworks { get; set; }

    public static WebhooksOptions FromConfiguration(IConfiguration config) =>
        config.GetSection(Section).Get<WebhooksOptions>() ?? new WebhooksOptions();
}
