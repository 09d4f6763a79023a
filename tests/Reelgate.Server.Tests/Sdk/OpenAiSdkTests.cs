using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Sdk;

/// The official OpenAI Node SDK (openai@6, pinned in tests/sdk) driven against a real server by
/// tests/sdk/openai-flow.mjs. Needs node and `npm ci --prefix tests/sdk`; fails, never skips, without.
[Collection(SharedServerCollection.Name)]
public sealed class OpenAiSdkTests(SharedServer shared)
{
    static readonly TimeSpan FlowTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public Task OpenAiSdk_CreateRetrieveDownloadListDelete_Works() => RunAsync("openai-flow.mjs", "openai-flow: all steps passed");

    /// `client.videos.remix(id, { prompt })` (Tasks/Sequels) on the local engine.
    [Fact]
    public Task OpenAiSdk_Remix_NamesItsParent_AndCompletes() => RunAsync("openai-remix.mjs", "openai-remix: all steps passed");

    async Task RunAsync(string script, string passed)
    {
        var sdkDir = Path.Combine(RepoRoot(), "tests", "sdk");
        Assert.True(Directory.Exists(Path.Combine(sdkDir, "node_modules", "openai")),
            $"The OpenAI Node SDK is not installed in {sdkDir}: run `npm ci --prefix tests/sdk` from the repository root.");

        var res = await shared.Server.Admin.PostAsJsonAsync("/v1/keys", new { name = "openai-sdk" });
        var body = await res.Json();
        Assert.True(res.IsSuccessStatusCode, body.ToJsonString());

        var (exit, stdout, output) = await NodeScript.RunAsync(sdkDir, script, [], new Dictionary<string, string>
        {
            ["REELGATE_BASE_URL"] = shared.Server.BaseUrl.ToString().TrimEnd('/') + "/v1", ["REELGATE_API_KEY"] = body.Str("secret"),
        }, FlowTimeout);
        Assert.True(exit == 0, output);
        Assert.Contains(passed, stdout);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reelgate.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Reelgate.slnx) not found");
    }
}
