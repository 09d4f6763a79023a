namespace Reelgate.Server.Accounts;

/// Who is calling: resolved from the API key by ApiKeyFilter and kept on the HttpContext.
/// Tier and sandbox decide limits and billing; the key's own checks (expiry, IP allow-list,
/// account status) have already passed when a Caller exists.
internal sealed record Caller(string KeyId, string AccountId, string Role, string Tier = "free", bool Sandbox = false)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool CanReadUsage => Role is Roles.Admin or Roles.Service;

    /// Webhook endpoints, secrets and delivery logs are the account's plumbing, not an app's.
    public bool CanManageWebhooks => Role is Roles.Admin or Roles.Service;

    public static Caller From(HttpContext ctx) => (Caller)ctx.Items[typeof(Caller)]!;
}

internal static class Roles
{
    public const string Admin = "admin";
    public const string Service = "service";
    public const string Standard = "standard";
    public static readonly string[] All = [Admin, Service, Standard];
}
