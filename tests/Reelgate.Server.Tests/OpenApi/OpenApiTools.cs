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

    /// `node <script> <args>` in tests/openapi, with redocly's telemetry and update check off.
    public static Task<NodeScript.Outcome> NodeAsync(string script, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var all = new Dictionary<string, string>(env ?? new Dictionary<string, string>())
        {
            ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        };
        return NodeScript.RunAsync(Folder, script, args, all, Timeout);
    }
}
