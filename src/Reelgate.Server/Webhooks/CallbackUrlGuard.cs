using System.Net;
using System.Net.Sockets;
using Reelgate.Server.Files;
using Reelgate.Server.Http;

namespace Reelgate.Server.Webhooks;

/// Which URLs the server may call back. Pure decisions over the URL and the addresses its host
/// resolved to, plus the resolution itself (CheckAsync). Every spelling of an address (decimal,
/// octal, hex, short, IPv4-mapped IPv6) reaches the address check as the address it denotes:
/// .NET's URI parser normalizes IPv4 literals, and IpAddressPolicy judges embedded IPv4.
internal static class CallbackUrlGuard
{
    public const int MaxLength = 2048;
    public const string Param = "callback_url";

    /// The checks that need no DNS: form, scheme, length, user info, `localhost` names.
    public static (Uri? Uri, ApiError? Error) CheckSyntax(string url, WebhooksOptions options, string param = Param)
    {
        if (url.Length > MaxLength) return (null, Refused(param, $"'{param}' may be at most {MaxLength} characters."));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            return (null, Refused(param, $"'{param}' must be an absolute URL."));
        if (uri.Scheme != Uri.UriSchemeHttps && !(options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
            return (null, Refused(param, $"'{param}' must be an https URL."));
        if (uri.UserInfo.Length > 0) return (null, Refused(param, $"'{param}' must not carry a user name or password."));
        var host = uri.IdnHost.TrimEnd('.');
        if (!options.AllowPrivateNetworks && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
            return (null, Refused(param, $"'{param}' must not point at this machine."));
        return (uri, null);
    }

    /// The host as an address when the URL names one directly (in any spelling).
    public static IPAddress? Literal(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null;

    /// Every resolved address must be public (unless private networks are allowed).
    public static ApiError? CheckAddresses(IReadOnlyList<IPAddress> resolved, WebhooksOptions options, string param = Param)
    {
        if (resolved.Count == 0) return Refused(param, $"The host of '{param}' did not resolve to any address.");
        if (options.AllowPrivateNetworks) return null;
        foreach (var ip in resolved)
            if (IpAddressPolicy.IsForbidden(ip))
                return Refused(param, $"'{param}' resolves to {ip}, a loopback, private, link-local or reserved address.");
        return null;
    }

    /// Syntax, then resolution (at most 3 s), then the addresses. The delivery connects only to
    /// addresses it vets again at connect time, so a later DNS change cannot pass this check.
    public static async Task<ApiError?> CheckAsync(string url, WebhooksOptions options, CancellationToken ct, string param = Param)
    {
        var (uri, error) = CheckSyntax(url, options, param);
        if (uri is null) return error;
        if (Literal(uri) is { } literal) return CheckAddresses([literal], options, param);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            return CheckAddresses(await Dns.GetHostAddressesAsync(uri.IdnHost, timeout.Token), options, param);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return Refused(param, $"The host of '{param}' ({uri.IdnHost}) could not be resolved.");
        }
    }

    static ApiError Refused(string param, string message) => new(400, "invalid_callback_url", message, param);
}
