using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Catalog;

/// Catalog:Path through a real server process: an operator's own models.json is what the server
/// serves, and a bad one stops start-up. Dates are far enough either side of today (2026-12) that
/// the server's real clock decides the same way for years.
public sealed class CatalogFileServerTests : IDisposable
{
    readonly string file = Path.Combine(Path.GetTempPath(), $"reelgate-models-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(file);

    /// The shipped catalogue as an operator edits it: a silent model with an alias of its own,
    /// Veo 3.1 preview shut down (served by the GA id), Veo 3.1 Fast preview deprecated.
    static JsonNode OperatorsCatalogue()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models.json")))!;
        var models = root["models"]!.AsArray();
        JsonNode ById(string id) => models.Single(m => m!["id"]!.GetValue<string>() == id)!;
        var silent = ById("veo-3.1-fast-generate-001").DeepClone();
        silent["id"] = "acme-silent";
        silent["display_name"] = "Acme Silent";
        silent["aliases"] = new JsonArray("silent");
        silent["upstream"] = new JsonObject();
        silent["capabilities"]!["audio"] = false;
        silent["capabilities"]!["audio_default"] = false;
        models.Add(silent);
        ById("veo-3.1-generate-preview")["shutdown_at"] = "2026-01-01";
        ById("veo-3.1-generate-preview")["replacement"] = "veo-3.1-generate-001";
        ById("veo-3.1-fast-generate-preview")["deprecated_at"] = "2026-11-01";
        ById("veo-3.1-fast-generate-preview")["shutdown_at"] = "2099-01-01T00:00:00Z";
        ById("veo-3.1-fast-generate-preview")["replacement"] = "veo-3.1-fast-generate-001";
        return root;
    }

    [Fact]
    public async Task AnOperatorsCatalogue_AddsAModelAndAnAlias_RetiresOne_AndDeprecatesAnother()
    {
        await File.WriteAllTextAsync(file, OperatorsCatalogue().ToJsonString());
        await using var server = new ServerProcess(new() { ["Catalog__Path"] = file });
        await server.StartAsync();
        var api = await server.NewAccountAsync();

        var models = (await (await api.GetAsync("/v1/models")).Json())["data"]!.AsArray();
        var silent = models.Single(m => m!.Str("id") == "acme-silent")!;
        Assert.Equal(["silent"], silent["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        var retired = models.Single(m => m!.Str("id") == "veo-3.1-generate-preview")!;
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), retired["shutdown_at"]!.GetValue<long>());
        Assert.Equal("veo-3.1-generate-001", retired.Str("replacement"));
        Assert.Equal("veo-3.1-generate-001", retired["upstream"]!.Str("vertex"));

        var loud = await api.PostAsJsonAsync("/v1/videos", new { model = "silent", prompt = "a quiet pond", duration = 4, generate_audio = true });
        Assert.Equal(HttpStatusCode.BadRequest, loud.StatusCode);
        Assert.Equal("generate_audio", (await loud.Json()).Str("param"));
        var quiet = await api.PostAsJsonAsync("/v1/videos", new { model = "silent", prompt = "a quiet pond", duration = 4 });
        Assert.Equal(HttpStatusCode.Accepted, quiet.StatusCode);
        Assert.Equal("acme-silent", (await quiet.Json()).Str("model"));
        Assert.Null((await quiet.Json())["notice"]);
        Assert.False(quiet.Headers.Contains("Deprecation"));

        var replaced = await api.PostAsJsonAsync("/v1/videos", new { model = "veo3.1", prompt = "a red kite", duration = 4, generate_audio = false });
        Assert.Equal(HttpStatusCode.Accepted, replaced.StatusCode);
        Assert.Equal("@1767225600", replaced.Headers.GetValues("Deprecation").Single());
        Assert.Equal("Thu, 01 Jan 2026 00:00:00 GMT", replaced.Headers.GetValues("Sunset").Single());
        Assert.Equal("</v1/models/veo-3.1-generate-001>; rel=\"successor-version\"", replaced.Headers.GetValues("Link").Single());
        var task = await replaced.Json();
        Assert.Equal("veo-3.1-generate-001", task.Str("model"));
        var notice = (await (await api.GetAsync($"/v1/videos/{task.Str("id")}")).Json())["notice"]!;
        Assert.Equal("model_replaced", notice.Str("code"));
        Assert.Equal("veo-3.1-generate-preview was shut down on 2026-01-01; served by veo-3.1-generate-001", notice.Str("message"));

        var deprecated = await api.PostAsJsonAsync("/v1/videos", new { model = "veo3.1-fast", prompt = "a red kite", duration = 4, generate_audio = false });
        Assert.Equal(HttpStatusCode.Accepted, deprecated.StatusCode);
        Assert.Equal($"@{new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}", deprecated.Headers.GetValues("Deprecation").Single());
        Assert.Equal("Thu, 01 Jan 2099 00:00:00 GMT", deprecated.Headers.GetValues("Sunset").Single());
        var kept = await deprecated.Json();
        Assert.Equal("veo-3.1-fast-generate-preview", kept.Str("model"));
        Assert.Equal("model_deprecated", kept["notice"]!.Str("code"));
    }

    [Fact]
    public async Task ABadCatalogue_StopsStartUp_NamingTheFileAndTheField()
    {
        var root = OperatorsCatalogue();
        root["models"]![2]!["capabilities"]!["default_duration"] = 5;
        await File.WriteAllTextAsync(file, root.ToJsonString());
        await using var server = new ServerProcess(new() { ["Catalog__Path"] = file });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);
        Assert.Contains($"The model catalogue '{file}' is not valid: $.models[2].capabilities.default_duration: 5 is not one of durations.", e.Message);
    }
}
