using System.Text.Json.Nodes;
using Reelgate.Server.Catalog;

namespace Reelgate.Server.Tests.Catalog;

/// A catalogue file is read strictly and checked; each problem names the JSON path at fault.
public sealed class CatalogFileTests
{
    /// A small valid model; tests change one field of it.
    internal static string Model(string id, string? deprecatedAt = null, string? shutdownAt = null, string? replacement = null)
    {
        var m = new JsonObject
        {
            ["id"] = id, ["display_name"] = id.ToUpperInvariant(), ["aliases"] = new JsonArray(),
            ["capabilities"] = JsonNode.Parse("""
                {"durations":[4,8],"default_duration":8,"resolutions":["720p"],"aspect_ratios":["16:9"],"generation_types":["text"],
                 "max_reference_images":0,"audio":false,"fps":[24],"max_n":1,"person_generation":["allow_all"],"rules":["high_res_needs_8s"]}
                """),
            ["price"] = new JsonObject { ["per_second"] = 0.1 },
        };
        if (deprecatedAt is not null) m["deprecated_at"] = deprecatedAt;
        if (shutdownAt is not null) m["shutdown_at"] = shutdownAt;
        if (replacement is not null) m["replacement"] = replacement;
        return m.ToJsonString();
    }

    internal static (ModelSet? Models, string? Problem) Parse(params string[] models) =>
        CatalogFile.Parse($$"""{"default_model":"{{JsonNode.Parse(models[0])!["id"]}}","models":[{{string.Join(",", models)}}]}""");

    static string With(string model, string path, JsonNode? value)
    {
        var node = JsonNode.Parse(model)!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(node, (n, p) => n[p]!);
        parent[parts[^1]] = value;
        return node.ToJsonString();
    }

    [Fact]
    public void AValidFile_Loads_WithPriceDefaultsForMissingRates()
    {
        var (set, problem) = Parse(Model("a"));
        Assert.Null(problem);
        var a = set!.Find("A")!;
        Assert.Equal(new ModelRates(0.1m, 0.1m, 0.1m, 0.1m), a.Price);
        Assert.Equal("high_res_needs_8s", Assert.Single(a.Capabilities.Rules).Name);
        Assert.Same(ModelLifecycle.Active, a.Lifecycle);
    }

    [Theory]
    [InlineData("capabilities.default_duration", "5", "$.models[0].capabilities.default_duration")]
    [InlineData("capabilities.resolutions", """["8k"]""", "$.models[0].capabilities.resolutions")]
    [InlineData("capabilities.generation_types", """["reference"]""", "$.models[0].capabilities.max_reference_images")]
    [InlineData("capabilities.rules", """["needs_magic"]""", "'needs_magic' is not a rule kind")]
    [InlineData("capabilities.max_n", "0", "$.models[0].capabilities.max_n")]
    [InlineData("price.per_second", "-1", "$.models[0].price")]
    [InlineData("display_name", "\" \"", "$.models[0].display_name")]
    [InlineData("shutdown_at", "\"2026-06-30\"", "$.models[0].replacement: a model with a shutdown_at needs a replacement")]
    [InlineData("shutdown_at", "\"end of june\"", "$.models[0].shutdown_at: 'end of june' is not a date")]
    [InlineData("replacement", "\"nobody\"", "$.models[0].replacement: 'nobody' is not the id of a model")]
    [InlineData("shutdown", "\"2026-06-30\"", "'shutdown' could not be mapped")]
    [InlineData("capabilities.durations", "null", "$.models[0].capabilities.durations")]
    [InlineData("capabilities.fps", "\"24\"", "$.models[0].capabilities.fps")]
    public void ABadField_IsRefused_NamingIt(string field, string value, string expected)
    {
        var (set, problem) = Parse(With(Model("a"), field, JsonNode.Parse(value)), Model("b"));
        Assert.Null(set);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void AMissingField_IsRefused_NamingIt()
    {
        var node = JsonNode.Parse(Model("a"))!;
        node["capabilities"]!.AsObject().Remove("max_n");
        var (_, problem) = Parse(node.ToJsonString());
        Assert.Contains("max_n", problem);
        Assert.StartsWith("$.models[0].capabilities: ", problem);
        Assert.DoesNotContain("Reelgate", problem);
    }

    [Fact]
    public void ANameUsedTwice_IsRefused_NamingTheSecond()
    {
        var (_, problem) = Parse(Model("a"), With(Model("b"), "aliases", new JsonArray("x", "A")));
        Assert.Equal("$.models[1].aliases[1]: 'A' is already a name of a.", problem);
    }

    [Fact]
    public void ReplacementsThatComeBack_AreRefused()
    {
        var (_, problem) = Parse(Model("a", shutdownAt: "2026-01-01", replacement: "b"), Model("b", shutdownAt: "2026-02-01", replacement: "a"));
        Assert.Equal("$.models[0].replacement: following replacements from a comes back to a.", problem);
    }

    [Fact]
    public void ADefaultModelThatIsNoModel_IsRefused()
    {
        var (_, problem) = CatalogFile.Parse($$"""{"default_model":"zz","models":[{{Model("a")}}]}""");
        Assert.Equal("$.default_model: 'zz' names no model.", problem);
    }

    [Fact]
    public void NotJson_IsRefused_WithTheLine()
    {
        var (_, problem) = CatalogFile.Parse("{\n  \"default_model\": \"a\",\n  \"models\": [ oops ]\n}");
        Assert.Contains("LineNumber: 2", problem);
    }

    [Fact]
    public void AFileThatCannotBeRead_NamesTheFileAndTheSetting()
    {
        var (_, problem) = CatalogFile.Load(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json"));
        Assert.Contains("Catalog:Path", problem);
        Assert.Contains("no-such-", problem);
    }
}
