namespace Reelgate.Server.Links;

/// `Links`: key-free download links.
internal sealed class LinksOptions
{
    public const string Section = "Links";

    /// How long a link works (seed 004: "links valid 24 h"); never past the task's retention.
    public double LifetimeHours { get; set; } = 24;

    public string? Problem() => LifetimeHours is <= 0 or > 24 * 366 ? "Links:LifetimeHours must be more than 0 and at most a year." : null;
}
