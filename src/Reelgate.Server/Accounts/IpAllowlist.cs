using System.Net;
using System.Net.Sockets;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

/// A key's IP allow-list: written by an admin as CIDRs or bare addresses, stored as canonical
/// CIDRs joined by commas (null = any address), parsed once per cached key.
internal static class IpAllowlist
{
    public const int MaxEntries = 50;
    const string Param = "ip_allowlist";

    /// The stored form of what an admin sent; an empty list means any address, like no list.
    public static (string? Stored, ApiError? Error) Validate(IReadOnlyList<string>? entries)
    {
        if (entries is null || entries.Count == 0) return (null, null);
        if (entries.Count > MaxEntries)
            return (null, ApiError.Invalid(Param, $"'{Param}' may hold at most {MaxEntries} entries, not {entries.Count}."));
        var networks = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            var (network, problem) = ParseEntry(entry);
            if (problem is not null) return (null, ApiError.Invalid(Param, problem));
            var text = network.ToString();
            if (!networks.Contains(text)) networks.Add(text);
        }
        return (string.Join(',', networks), null);
    }

    /// One entry: `203.0.113.0/24`, `2001:db8::/32`, or a bare address (a network of one).
    /// Strict on purpose: legacy IPv4 forms, zone ids and host bits after the prefix are refused
    /// rather than guessed at, since a wrong guess opens or closes a door.
    public static (IPNetwork Network, string? Problem) ParseEntry(string entry)
    {
        var text = entry.Trim();
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || (address.AddressFamily == AddressFamily.InterNetwork
                ? address.ToString() != addressText // refuses 127.1, 010.0.0.1, 0x7f.0.0.1
                : address.ScopeId != 0))
            return (default, $"'{Param}' entry '{Clip(text)}' is not an IP address or CIDR (like 203.0.113.0/24 or 2001:db8::/32).");
        if (address.IsIPv4MappedToIPv6)
            return (default, $"'{Param}' entry '{Clip(text)}' is an IPv4-mapped IPv6 address; write it as IPv4 ({address.MapToIPv4()}).");
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out prefix) || prefix > bits))
            return (default, $"'{Param}' entry '{Clip(text)}' has a prefix length that is not 0..{bits}.");
        var network = new IPNetwork(address, prefix);
        if (!network.BaseAddress.Equals(address))
            return (default, $"'{Param}' entry '{Clip(text)}' has bits set after the /{prefix} prefix; did you mean {network}?");
        return (network, null);
    }

    /// The stored list, parsed for the hot path. An entry that no longer parses (edited by hand)
    /// is dropped, so a list of only bad entries lets nobody in: it fails closed.
    public static IPNetwork[]? Parse(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return null;
        var networks = new List<IPNetwork>();
        foreach (var entry in stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (IPNetwork.TryParse(entry, out var n)) networks.Add(n);
        return networks.ToArray();
    }

    public static bool Allows(IPNetwork[] networks, IPAddress? remote)
    {
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        foreach (var n in networks)
            if (n.Contains(remote)) return true;
        return false;
    }

    public static string[]? View(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? null : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    static string Clip(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
