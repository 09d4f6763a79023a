namespace Reelgate.Server.Accounts;

internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// An admin key can do anything, and a configured one is chosen by a person: 32 characters
    /// is the floor that keeps it out of reach of guessing.
    public const int AdminKeyMinLength = 32;

    /// When set, this exact secret is the admin key (for automation); otherwise one is generated
    /// on first start and shown once (AdminBootstrap).
    public string? AdminKey { get; set; }

    /// How long a verified key is trusted without asking the database. A key revoked through
    /// another process stops working within this many seconds; through this process, at once.
    public double CacheSeconds { get; set; } = 5;

    /// How often the keys' last use, tracked in memory, is written to the database (and once
    /// more at shutdown): a request never writes it itself.
    public double LastUsedFlushSeconds { get; set; } = 60;
}
