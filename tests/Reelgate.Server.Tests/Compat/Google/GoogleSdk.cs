using System.Net.Http.Json;
using Reelgate.Server.Tests.Files;
using Reelgate.Server.Tests.Sdk;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Google;

/// Runs tests/sdk/google-flow.mjs (the official @google/genai SDK) against a server with a new key.
internal static class GoogleSdk
{
    static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(5);

    public sealed record Download(string Label, string Path, string TaskId);

    public static async Task<(string Key, IReadOnlyList<Download> Files)> RunAsync(ServerProcess server, string mode, string outDir)
    {
        var sdkDir = Path.Combine(OpenAiSdkTests.RepoRoot(), "tests", "sdk");
        Assert.True(Directory.Exists(Path.Combine(sdkDir, "node_modules", "@google", "genai")),
            $"The Google GenAI SDK is not installed in {sdkDir}: run `npm ci --prefix tests/sdk` from the repository root.");
        var res = await server.Admin.PostAsJsonAsync("/v1/keys", new { name = "google-sdk" });
        var key = (await res.Json()).Str("secret");
        var (exit, stdout, output) = await NodeScript.RunAsync(sdkDir, "google-flow.mjs", [mode], new Dictionary<string, string>
        {
            ["REELGATE_ORIGIN"] = server.BaseUrl.ToString().TrimEnd('/'), ["REELGATE_API_KEY"] = key, ["OUT_DIR"] = outDir,
            ["PNG_BASE64"] = Convert.ToBase64String(TestImages.Png),
        }, FlowTimeout);
        Assert.True(exit == 0, output);
        Assert.Contains($"google-flow: all {mode} steps passed", stdout);
        var files = stdout.Split('\n').Where(l => l.StartsWith("file ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')).Select(p => new Download(p[1], p[2], p[3])).ToList();
        return (key, files);
    }
}
