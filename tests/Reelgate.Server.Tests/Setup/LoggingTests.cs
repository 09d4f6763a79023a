using System.Text.Json;
using System.Text.RegularExpressions;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Setup;

public sealed partial class LoggingTests
{
    [Fact]
    public async Task ByDefault_TheConsoleLogIsOneReadableLinePerEntry_WithAUtcTimestamp()
    {
        await using var server = new ServerProcess();
        await server.StartAsync();
        var log = await server.WaitForLogAsync("Now listening on");
        var ready = Assert.Single(log.Split('\n'), l => l.Contains("database ready", StringComparison.Ordinal));
        Assert.Matches(ReadableLine(), ready);
    }

    [Fact]
    public async Task WithLoggingFormatJson_EveryConsoleLineIsAJsonObject()
    {
        await using var server = new ServerProcess(new() { ["Logging__Format"] = "json" });
        await server.StartAsync();
        var log = await server.WaitForLogAsync("Now listening on");
        var entries = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ready = Assert.Single(entries, e => e.GetProperty("Message").GetString()!.StartsWith("database ready", StringComparison.Ordinal));
        Assert.Equal("Information", ready.GetProperty("LogLevel").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", ready.GetProperty("Timestamp").GetString());
    }

    // e.g. "2026-12-02T05:41:18.123Z info: Microsoft.AspNetCore.Builder.WebApplication[0] database ready (9 migration(s) applied)"
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: \S+\[\d+\] database ready \(\d+ migration\(s\) applied\)\r?$")]
    private static partial Regex ReadableLine();
}
