namespace Reelgate.Server.Providers.Routing;

internal sealed class RoutingOptions
{
    public const string Section = "Providers";

    /// How long an accepted upstream job may take, from its submit, before the task fails
    /// (`upstream_timeout`, refunded).
    public double DeadlineMinutes { get; set; } = 30;
}
