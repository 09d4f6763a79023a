using System.ComponentModel;
using System.Diagnostics;

namespace Reelgate.Server.Tests.Support;

/// Runs `node <script> <args>` in a folder of npm test tools (tests/sdk, tests/openapi) to completion.
public static class NodeScript
{
    public sealed record Outcome(int ExitCode, string Stdout, string Output);

    /// `Output` holds both streams, for an assertion's message. A script past `timeout` is killed and fails the test.
    public static async Task<Outcome> RunAsync(string folder, string script, IEnumerable<string> args, IDictionary<string, string>? env, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        Process node;
        try { node = Process.Start(psi)!; }
        catch (Win32Exception e) { throw new InvalidOperationException("`node` (v20.19+) must be on PATH to run the npm-based tests", e); }
        using (node)
        {
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try { await node.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
                Assert.Fail($"node {script} did not finish within {timeout.TotalMinutes} minutes and was killed\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
            }
            return new(node.ExitCode, await stdout, $"node {script} exited {node.ExitCode}\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }
    }
}
