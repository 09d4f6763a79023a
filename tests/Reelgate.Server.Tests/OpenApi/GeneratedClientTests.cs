using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.OpenApi;

/// A TypeScript client generated from the live document (openapi-typescript + openapi-fetch, pinned
/// in tests/openapi) compiles with tsc and, using only that client, creates a video, polls it to
/// completion and downloads an MP4 (tests/openapi/client-flow.ts). Generated code is never committed.
[Collection(SharedServerCollection.Name)]
public sealed class GeneratedClientTests(SharedServer shared)
{
    [Fact]
    public async Task GeneratedTypeScriptClient_CreatesPollsAndDownloadsAVideo()
    {
        var folder = OpenApiTools.Folder;
        var generated = Path.Combine(folder, "generated");
        if (Directory.Exists(generated)) Directory.Delete(generated, recursive: true);
        Directory.CreateDirectory(generated);
        var document = await OpenApiTools.SaveDocumentAsync(shared.Server, generated);

        var (exit, _, output) = await OpenApiTools.NodeAsync("node_modules/openapi-typescript/bin/cli.js", [document, "-o", Path.Combine(generated, "schema.d.ts")]);
        Assert.True(exit == 0, output);
        (exit, _, output) = await OpenApiTools.NodeAsync("node_modules/typescript/bin/tsc", ["-p", "."]);
        Assert.True(exit == 0, output);

        var res = await shared.Server.Admin.PostAsJsonAsync("/v1/keys", new { name = "generated-client" });
        var key = await res.Json();
        Assert.True(res.IsSuccessStatusCode, key.ToJsonString());
        var (flowExit, stdout, flowOutput) = await OpenApiTools.NodeAsync(Path.Combine("generated", "out", "client-flow.js"), [], new Dictionary<string, string>
        {
            ["REELGATE_BASE_URL"] = shared.Server.BaseUrl.ToString().TrimEnd('/'), ["REELGATE_API_KEY"] = key.Str("secret"),
        });
        Assert.True(flowExit == 0, flowOutput);
        Assert.Contains("client-flow: all steps passed", stdout);
    }
}
