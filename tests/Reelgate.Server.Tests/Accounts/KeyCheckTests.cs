using System.Net;
using Reelgate.Server.Accounts;

namespace Reelgate.Server.Tests.Accounts;

public sealed class KeyCheckTests
{
    const long Now = 1_800_000_000_000;

    static KeyRecord Key(long? revokedAt = null, long? expiresAt = null, long? graceEndsAt = null, string? allow = null, string status = "active") =>
        new(new Caller("key_1", "acct_1", Roles.Standard), status, revokedAt, expiresAt, graceEndsAt, IpAllowlist.Parse(allow), new LastUse());

    /// why → (key, remote address, expected code or null for "admitted").
    static readonly Dictionary<string, (KeyRecord? Key, string? Remote, string? Code)> Table = new()
    {
        ["unknown"] = (null, "127.0.0.1", "invalid_api_key"),
        ["plain key"] = (Key(), "127.0.0.1", null),
        ["revoked"] = (Key(revokedAt: Now - 1), "127.0.0.1", "key_revoked"),
        ["revoked beats expired"] = (Key(revokedAt: Now - 1, expiresAt: Now - 1), "127.0.0.1", "key_revoked"),
        ["expires now"] = (Key(expiresAt: Now), "127.0.0.1", "key_expired"),
        ["expires later"] = (Key(expiresAt: Now + 1), "127.0.0.1", null),
        ["rotated-out secret past grace"] = (Key(graceEndsAt: Now), "127.0.0.1", "key_expired"),
        ["rotated-out secret in grace"] = (Key(graceEndsAt: Now + 1), "127.0.0.1", null),
        ["expired beats ip"] = (Key(expiresAt: Now - 1, allow: "10.0.0.0/8"), "127.0.0.1", "key_expired"),
        ["outside allow-list"] = (Key(allow: "10.0.0.0/8"), "127.0.0.1", "ip_not_allowed"),
        ["inside allow-list"] = (Key(allow: "10.0.0.0/8"), "10.200.3.4", null),
        ["ipv4-mapped ipv6 inside"] = (Key(allow: "10.0.0.0/8"), "::ffff:10.1.2.3", null),
        ["ipv4-mapped ipv6 outside"] = (Key(allow: "10.0.0.0/8"), "::ffff:11.1.2.3", "ip_not_allowed"),
        ["ipv6 inside"] = (Key(allow: "192.0.2.1/32,2001:db8::/32"), "2001:db8:1::5", null),
        ["ipv6 outside"] = (Key(allow: "192.0.2.1/32,2001:db8::/32"), "2001:db9::5", "ip_not_allowed"),
        ["unknown address with a list"] = (Key(allow: "0.0.0.0/0"), null, "ip_not_allowed"),
        ["unknown address without a list"] = (Key(), null, null),
        ["stored list of only bad entries"] = (Key(allow: "nonsense"), "127.0.0.1", "ip_not_allowed"),
        ["suspended"] = (Key(status: "suspended"), "127.0.0.1", "account_suspended"),
        ["any other status"] = (Key(status: "closed"), "127.0.0.1", "account_suspended"),
        ["ip beats suspended"] = (Key(allow: "10.0.0.0/8", status: "suspended"), "127.0.0.1", "ip_not_allowed"),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_FollowsTheTable(string why)
    {
        var (key, remote, code) = Table[why];
        var (caller, error) = KeyCheck.Decide(key, Now, remote is null ? null : IPAddress.Parse(remote));
        Assert.True(code == error?.Code, $"{why}: expected {code ?? "a caller"}, got {error?.Code ?? "a caller"}");
        if (code is null) Assert.Same(key!.Caller, caller);
        else Assert.Null(caller);
    }

    [Fact]
    public void Decide_StatusCodes_Are401ForTheCredentialAnd403ForWhereAndWho()
    {
        Assert.Equal(401, KeyCheck.Decide(null, Now, null).Error!.Status);
        Assert.Equal(401, KeyCheck.Decide(Key(revokedAt: 1), Now, null).Error!.Status);
        Assert.Equal(401, KeyCheck.Decide(Key(expiresAt: 1), Now, null).Error!.Status);
        Assert.Equal(403, KeyCheck.Decide(Key(allow: "10.0.0.0/8"), Now, IPAddress.Loopback).Error!.Status);
        Assert.Equal(403, KeyCheck.Decide(Key(status: "suspended"), Now, IPAddress.Loopback).Error!.Status);
        Assert.All([KeyCheck.Unknown, KeyCheck.Revoked, KeyCheck.Expired, KeyCheck.RotatedOut, KeyCheck.IpNotAllowed, KeyCheck.Suspended],
            e => Assert.Equal("Authorization", e.Param));
    }

    [Fact]
    public void Record_FromAPreviousHash_WorksUntilTheGraceEnds()
    {
        var row = new KeyRow("key_1", "acct_1", Roles.Service, "pro", "active", true, "current", null, null, "127.0.0.0/8", Now + 5);
        var current = KeyRecord.From(row, "current", new LastUse());
        var previous = KeyRecord.From(row, "old", new LastUse());
        Assert.Null(current.GraceEndsAt);
        Assert.Equal(Now + 5, previous.GraceEndsAt);
        Assert.Equal(new Caller("key_1", "acct_1", Roles.Service, "pro", true), current.Caller);
        Assert.False(current.Caller.IsAdmin);
        Assert.True(current.Caller.CanReadUsage);
        Assert.Null(KeyCheck.Decide(previous, Now, IPAddress.Loopback).Error);
        Assert.Equal("key_expired", KeyCheck.Decide(previous, Now + 5, IPAddress.Loopback).Error!.Code);
        // A previous hash without an end (edited by hand) is not a way in.
        Assert.Equal("key_expired", KeyCheck.Decide(KeyRecord.From(row with { PreviousExpiresAt = null }, "old", new LastUse()), Now, IPAddress.Loopback).Error!.Code);
    }
}
