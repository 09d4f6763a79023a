using System.Globalization;

namespace Reelgate.Server.Tests.Support;

/// Positive signals to wait for instead of sleeping: a condition polled until it holds (with a
/// generous timeout that only bounds a failing test), and a series read from a server's /metrics.
public static class Signals
{
    public static async Task UntilAsync(Func<Task<bool>> holds, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await holds())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"never saw: {what}");
            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<bool> holds, string what, int seconds = 60) =>
        UntilAsync(() => Task.FromResult(holds()), what, seconds);

    /// The value of one series of the server's /metrics, e.g. `reelgate_claims_total` or
    /// `reelgate_provider_slot_waiting{provider="openai-compatible"}`; 0 when it is not listed.
    public static async Task<double> MetricAsync(this ServerProcess server, string series)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var text = await http.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
