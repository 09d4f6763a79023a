using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;
using Reelgate.Server.Tests.Webhooks;

namespace Reelgate.Server.Tests.Sdk;

/// The official OpenAI Node SDK's `webhooks.unwrap` verifies Reelgate's deliveries
/// (tests/sdk/openai-webhooks.mjs is the receiver). Fails, never skips, without node and the SDK.
public sealed class OpenAiWebhooksTests : IAsyncLifetime
{
    readonly ServerProcess server = new(WebhookDeliveryTests.Settings());

    public Task InitializeAsync() => server.StartAsync();
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task OpenAiSdk_Unwrap_VerifiesOurDeliveries_AndRejectsTampering()
    {
        var sdkDir = Path.Combine(OpenAiSdkTests.RepoRoot(), "tests", "sdk");
        Assert.True(Directory.Exists(Path.Combine(sdkDir, "node_modules", "openai")),
            $"The OpenAI Node SDK is not installed in {sdkDir}: run `npm ci --prefix tests/sdk` from the repository root.");
        var secretFile = Path.Combine(server.DataRoot, "webhook-secret.txt");
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = sdkDir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add("openai-webhooks.mjs");
        psi.Environment["WEBHOOK_SECRET_FILE"] = secretFile;
        Process node;
        try { node = Process.Start(psi)!; }
        catch (Win32Exception e) { throw new InvalidOperationException("`node` (v20+) must be on PATH to run the OpenAI SDK test", e); }
        using (node)
        {
            var lines = new List<string>();
            var listening = new TaskCompletionSource<int>();
            node.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (lines) lines.Add(e.Data);
                if (e.Data.StartsWith("listening ")) listening.TrySetResult(int.Parse(e.Data["listening ".Length..]));
            };
            node.BeginOutputReadLine();
            var stderr = node.StandardError.ReadToEndAsync();
            try
            {
                var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
                var client = await WebhookDeliveryTests.ServiceClientAsync(server);
                var endpoint = await (await client.PostAsJsonAsync("/v1/webhooks", new { url = $"http://127.0.0.1:{port}/webhooks" })).Json();
                await File.WriteAllTextAsync(secretFile, endpoint.Str("secret"));

                var ok = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "a kite over dunes", duration = 4, resolution = "720p", generate_audio = false });
                var gone = await client.CreateVideoAsync(new { model = "veo3.1-fast", prompt = "cancel me", duration = 4, resolution = "720p", generate_audio = false });
                await client.DeleteAsync($"/v1/videos/{gone.Str("id")}");
                var deadline = DateTime.UtcNow.AddSeconds(60);
                string[] seen;
                do
                {
                    await Task.Delay(100);
                    lock (lines) seen = [.. lines];
                } while (DateTime.UtcNow < deadline && seen.Count(l => l.StartsWith("verified ")) < 2 && !seen.Any(l => l.StartsWith("rejected ")));

                Assert.DoesNotContain(seen, l => l.StartsWith("rejected "));
                Assert.Contains(seen, l => l.StartsWith("verified ") && l.EndsWith($"video.completed {ok.Str("id")}"));
                Assert.Contains(seen, l => l.StartsWith("verified ") && l.EndsWith($"video.cancelled {gone.Str("id")}"));
            }
            finally
            {
                node.StandardInput.Close();
                if (!node.WaitForExit(5000)) node.Kill(entireProcessTree: true);
            }
            Assert.True(node.ExitCode == 0, $"openai-webhooks.mjs exited {node.ExitCode}: {await stderr}");
        }
    }
}
