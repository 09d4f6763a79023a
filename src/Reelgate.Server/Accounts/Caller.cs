namespace Reelgate.Server.Accounts;

/// Who is calling: resolved from the API key by ApiKeyFilter and kept on the HttpContext.
internal sealed record Caller(string KeyId, string AccountId, string Role)
{
    public bool IsAdmin => Role == Roles.Admin;

    public static Caller From(HttpContext ctx) => (Caller)ctx.Items[typeof(Caller)]!;
}

internal static class Roles
{
    public const string Admin = "admin";
    public const string Standard = "standard";
    public static readonly string[] All = [Admin, Standard];
}
