using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Reelgate.Server.Files;

/// Decides which resolved addresses an outbound image fetch must not connect to, so a client-supplied URL
/// cannot reach the server's own network (SSRF).
internal static class IpAddressPolicy
{
    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // "this network"; Linux routes 0.0.0.0 to local services
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),   // carrier-grade NAT, often internal in clouds
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),  // link-local, including cloud metadata at 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"),     // multicast
        IPNetwork.Parse("240.0.0.0/4"),     // reserved, including broadcast
        IPNetwork.Parse("::/96"),           // unspecified, loopback and deprecated IPv4-compatible
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool IsForbidden(IPAddress address)
    {
        // IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
        if (TryGetEmbeddedIPv4(address, out var embedded))
        {
            return IsForbidden(embedded);
        }

        foreach (var network in Forbidden)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryGetEmbeddedIPv4(IPAddress address, [NotNullWhen(true)] out IPAddress? embedded)
    {
        embedded = null;
        if (address.IsIPv4MappedToIPv6)
        {
            embedded = address.MapToIPv4();
        }
        else if (Nat64.Contains(address))
        {
            embedded = new IPAddress(address.GetAddressBytes().AsSpan(12, 4));
        }
        else if (SixToFour.Contains(address))
        {
            embedded = new IPAddress(address.GetAddressBytes().AsSpan(2, 4));
        }

        return embedded is not null;
    }
}
