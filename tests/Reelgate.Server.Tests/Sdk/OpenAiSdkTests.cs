using System.ComponentModel;
using System.Diagnostics;
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
    public async Task OpenAiSdk_CreateRetrieveDownloadListDelete_Works()
    {
        var sdkDir = Path.Combine(RepoRoot(), "tests", "sdk");
        Assert.True(Directory.Exists(Path.Combine(sdkDir, "node_modules", "openai")),
            $"The OpenAI Node SDK is not installed in {sdkDir}: run `npm ci --prefix tests/sdk` from the repository root.");

        var res = await shared.Server.Admin.PostAsJsonAsync("/v1/keys", new { name = "openai-sdk" });
        var body = await res.Json();
        Assert.True(res.IsSuccessStatusCode, body.ToJsonString());

        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = sdkDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("openai-flow.mjs");
        psi.Environment["REELGATE_BASE_URL"] = shared.Server.BaseUrl.ToString().TrimEnd('/') + "/v1";
        psi.Environment["REELGATE_API_KEY"] = body.Str("secret");

        Process node;
        try { node = Process.Start(psi)!; }
        catch (Win32Exception e) { throw new InvalidOperationException("`node` (v20+) must be on PATH to run the OpenAI SDK test", e); }
        using (node)
        {
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(FlowTimeout);
            var timedOut = false;
            try { await node.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                timedOut = true;
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
            }
            var output = $"--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}";
            Assert.False(timedOut, $"openai-flow.mjs did not finish within {FlowTimeout.TotalMinutes} minutes and was killed\n{output}");
            Assert.True(node.ExitCode == 0, $"openai-flow.mjs exited {node.ExitCode}\n{output}");
            Assert.Contains("openai-flow: all steps passed", await stdout);
        }
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reelgate.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Reelgate.slnx) not found");
    }
}
