using System.ComponentModel;
using System.Diagnostics;
using Reelgate.Server.Tests.Sdk;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.OpenApi;

/// Runs the pinned npm tools of tests/openapi (redocly, ajv, openapi-typescript, tsc) with node.
/// Needs `npm ci --prefix tests/openapi`; fails, never skips, without.
internal static class OpenApiTools
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    public static string Folder
    {
        get
        {
            var folder = Path.Combine(OpenAiSdkTests.RepoRoot(), "tests", "openapi");
            Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "@redocly", "cli")),
                $"The OpenAPI test tools are not installed in {folder}: run `npm ci --prefix tests/openapi` from the repository root.");
            return folder;
        }
    }

    /// The live document, saved to a file of its own.
    public static async Task<string> SaveDocumentAsync(ServerProcess server, string folder)
    {
        var res = await server.Admin.GetAsync("/openapi/v1.json");
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, text);
        var path = Path.Combine(folder, "openapi.json");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    /// `node <script> <args>` in tests/openapi; the output of both streams, for the assertion message.
    public static async Task<(int ExitCode, string Stdout, string Output)> NodeAsync(string script, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["REDOCLY_TELEMETRY"] = "off";
        psi.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        Process node;
        try { node = Process.Start(psi)!; }
        catch (Win32Exception e) { throw new InvalidOperationException("`node` (v20.19+) must be on PATH to run the OpenAPI tests", e); }
        using (node)
        {
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(Timeout);
            try { await node.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
                Assert.Fail($"node {script} did not finish within {Timeout.TotalMinutes} minutes and was killed\n{await stdout}\n{await stderr}");
            }
            return (node.ExitCode, await stdout, $"node {script} exited {node.ExitCode}\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }
    }
}
