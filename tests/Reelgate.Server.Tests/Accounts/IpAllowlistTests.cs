using System.Net;
using Reelgate.Server.Accounts;

namespace Reelgate.Server.Tests.Accounts;

public sealed class IpAllowlistTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData(" 203.0.113.7 ", "203.0.113.7/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8:0:0::1", "2001:db8::1/128")]
    [InlineData("::1", "::1/128")]
    [InlineData("::/0", "::/0")]
    public void ParseEntry_AcceptsCidrsAndBareAddresses(string entry, string canonical)
    {
        var (network, problem) = IpAllowlist.ParseEntry(entry);
        Assert.Null(problem);
        Assert.Equal(canonical, network.ToString());
    }

    [Theory]
    [InlineData("", "not an IP address")]
    [InlineData("localhost", "not an IP address")]
    [InlineData("10.0.0.300", "not an IP address")]
    [InlineData("127.1", "not an IP address")]
    [InlineData("010.0.0.1", "not an IP address")]
    [InlineData("0x7f.0.0.1", "not an IP address")]
    [InlineData("fe80::1%2", "not an IP address")]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("10.0.0.0/-1", "prefix length")]
    [InlineData("10.0.0.0/8/8", "prefix length")]
    [InlineData("2001:db8::/129", "prefix length")]
    [InlineData("10.0.0.1/8", "did you mean 10.0.0.0/8")]
    [InlineData("2001:db8::1/32", "did you mean 2001:db8::/32")]
    [InlineData("::ffff:10.0.0.1", "write it as IPv4 (10.0.0.1)")]
    public void ParseEntry_RefusesWhatItWouldHaveToGuess(string entry, string because)
    {
        var (_, problem) = IpAllowlist.ParseEntry(entry);
        Assert.NotNull(problem);
        Assert.Contains(because, problem);
    }

    [Fact]
    public void Validate_StoresCanonicalDistinctEntries_AndAnEmptyListMeansAny()
    {
        Assert.Equal(("10.0.0.0/8,127.0.0.1/32,2001:db8::/32", null), IpAllowlist.Validate(["10.0.0.0/8", "127.0.0.1", "2001:db8::/32", "127.0.0.1/32"]));
        Assert.Equal((null, null), IpAllowlist.Validate([]));
        Assert.Equal((null, null), IpAllowlist.Validate(null));
    }

    [Fact]
    public void Validate_NamesTheParameter_ForABadEntryOrTooMany()
    {
        var (stored, error) = IpAllowlist.Validate(["10.0.0.0/8", "nope"]);
        Assert.Null(stored);
        Assert.Equal(("invalid_parameter", "ip_allowlist", 400), (error!.Code, error.Param, error.Status));
        Assert.Contains("'nope'", error.Message);

        var fifty = Enumerable.Range(0, 50).Select(i => $"10.0.{i}.0/24").ToList();
        Assert.Null(IpAllowlist.Validate(fifty).Error);
        var tooMany = IpAllowlist.Validate([.. fifty, "10.1.0.0/16"]).Error;
        Assert.Equal("ip_allowlist", tooMany!.Param);
        Assert.Contains("at most 50", tooMany.Message);
    }

    [Fact]
    public void Allows_MatchesMappedIpv4_AndNeverAnUnknownAddress()
    {
        var list = IpAllowlist.Parse("127.0.0.0/8,::1/128")!;
        Assert.True(IpAllowlist.Allows(list, IPAddress.Loopback));
        Assert.True(IpAllowlist.Allows(list, IPAddress.IPv6Loopback));
        Assert.True(IpAllowlist.Allows(list, IPAddress.Loopback.MapToIPv6()));
        Assert.False(IpAllowlist.Allows(list, IPAddress.Parse("128.0.0.1")));
        Assert.False(IpAllowlist.Allows(list, null));
        Assert.Null(IpAllowlist.Parse(null));
        Assert.Null(IpAllowlist.Parse(""));
        Assert.Empty(IpAllowlist.Parse("garbage,also/garbage")!);
    }
}
