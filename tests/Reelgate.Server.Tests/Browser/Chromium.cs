using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Sdk;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Browser;

/// Runs tests/browser/play.mjs: real Chromium (Debian's `chromium`, driven by playwright-core)
/// playing a URL with hls.js or a plain `<video>`. Needs `npm ci --prefix tests/browser` and the
/// `chromium` package; fails, never skips, without them.
internal static class Chromium
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Folder
    {
        get
        {
            var folder = Path.Combine(OpenAiSdkTests.RepoRoot(), "tests", "browser");
            Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core")),
                $"The browser test tools are not installed in {folder}: run `npm ci --prefix tests/browser` from the repository root.");
            Assert.True(File.Exists("/usr/bin/chromium") || Environment.GetEnvironmentVariable("CHROMIUM_PATH") is not null,
                "Chromium is not installed: `apt-get install chromium` (or set CHROMIUM_PATH).");
            return folder;
        }
    }

    /// Plays `url` (mode `hls` through hls.js, `video` in a `<video>`) and asserts that playback
    /// passed 2 s with no error event. Returns the script's report.
    public static async Task<JsonNode> AssertPlaysAsync(string mode, string url)
    {
        var (exit, stdout, output) = await NodeScript.RunAsync(Folder, "play.mjs", [mode, url], null, Timeout);
        Assert.True(exit == 0, $"Chromium did not play {url} past 2 s without an error ({mode}):\n{output}");
        var report = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.True(report["currentTime"]!.GetValue<double>() > 2, output);
        return report;
    }

    /// CanPlay of the ladder's codec types, asked once per Chromium build and kept in a file under
    /// node_modules; null when the browser tools are not installed (or Chromium does not answer).
    public static IReadOnlyDictionary<string, bool>? CachedCanPlay()
    {
        var browser = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        var modules = Path.Combine(OpenAiSdkTests.RepoRoot(), "tests", "browser", "node_modules");
        if (!File.Exists(browser) || !Directory.Exists(Path.Combine(modules, "playwright-core"))) return null;
        var cache = Path.Combine(modules, $".codecs-{File.GetLastWriteTimeUtc(browser).Ticks}.json");
        try
        {
            if (File.Exists(cache)) return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, bool>>(File.ReadAllText(cache));
            var answers = CanPlay([.. ChromiumDecodesAttribute.Types.Values]);
            File.WriteAllText(cache, System.Text.Json.JsonSerializer.Serialize(answers));
            return answers;
        }
        catch (Exception e) when (e is IOException or Xunit.Sdk.XunitException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// What Chromium says of each MIME type (with its codecs parameter): "" from canPlayType and
    /// false from MediaSource mean it cannot decode it.
    public static IReadOnlyDictionary<string, bool> CanPlay(IReadOnlyList<string> types)
    {
        var outcome = NodeScript.RunAsync(Folder, "play.mjs", ["can-play", .. types], null, Timeout).GetAwaiter().GetResult();
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        return JsonNode.Parse(outcome.Stdout.Trim().Split('\n')[^1])!["types"]!.AsArray()
            .ToDictionary(t => t!["type"]!.GetValue<string>(), t => t!["canPlayType"]!.GetValue<string>() != "");
    }
}
