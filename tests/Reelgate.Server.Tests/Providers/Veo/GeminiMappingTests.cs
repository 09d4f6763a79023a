using System.Text.Json.Nodes;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Gemini;
using Reelgate.Server.Providers.Veo;

namespace Reelgate.Server.Tests.Providers.Veo;

public sealed class GeminiMappingTests
{
    const string Host = "https://generativelanguage.googleapis.com";

    static JsonNode Recorded(string file) =>
        JsonNode.Parse(VeoTestData.Render($"gemini/{file}", new Dictionary<string, string> { ["BASE_URL"] = Host }))!;

    [Fact]
    public async Task ToRequest_FirstLast_MatchesTheRecordedRequest()
    {
        var dir = VeoTestData.NewWorkDir();
        var png = await VeoTestData.PngAsync();
        var jpeg = await VeoTestData.JpegAsync();
        var images = await VeoImage.LoadAsync(await VeoTestData.WriteImagesAsync(dir, png, jpeg), CancellationToken.None);

        var body = GeminiMapping.ToRequest(VeoTestData.Request("first_last", n: 2), images, new UpstreamModel("veo-3.1-fast-generate-preview", true));

        var expected = JsonNode.Parse(VeoTestData.Render("gemini/request-first-last.json", new Dictionary<string, string>
        {
            ["FIRST_IMAGE"] = Convert.ToBase64String(png), ["LAST_IMAGE"] = Convert.ToBase64String(jpeg),
        }));
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void OperationName_IsTakenFromTheSubmitAnswer()
    {
        Assert.Equal("models/veo-3.1-fast-generate-preview/operations/k3xq7v2m9p1a", GeminiMapping.OperationName(Recorded("operation-created.json")));
        Assert.Null(GeminiMapping.OperationName(JsonNode.Parse("""{"name":"../../etc"}""")));
        Assert.Null(GeminiMapping.OperationName(JsonNode.Parse("{}")));
    }

    [Fact]
    public void ReadOperation_NotDone_IsPending()
    {
        Assert.Equal(new PollResult.Pending(), GeminiMapping.ReadOperation(Recorded("operation-pending.json")));
        Assert.Equal(new PollResult.Pending(), GeminiMapping.ReadOperation(JsonNode.Parse("""{"name":"models/m/operations/x"}""")!));
    }

    [Fact]
    public void ReadOperation_Done_ListsEveryVideoUri()
    {
        var done = Assert.IsType<PollResult.Succeeded>(GeminiMapping.ReadOperation(Recorded("operation-done.json")));

        Assert.Equal([$"{Host}/v1beta/files/3fy0yq8h1b2c:download?alt=media", $"{Host}/v1beta/files/8rk2mz0d4e5f:download?alt=media"], done.Results);
    }

    [Fact]
    public void ReadOperation_AllFiltered_IsContentFilteredWithTheReasons()
    {
        var failed = Assert.IsType<PollResult.Failed>(GeminiMapping.ReadOperation(Recorded("operation-filtered.json")));

        Assert.Equal("content_filtered", failed.Code);
        Assert.Equal("The video was held back because it may break the usage guidelines. You were not charged for it.", failed.Message);
    }

    [Fact]
    public void ReadOperation_SomeFiltered_KeepsTheSurvivors()
    {
        var op = JsonNode.Parse("""
            {"done":true,"response":{"generateVideoResponse":{"raiMediaFilteredCount":1,"raiMediaFilteredReasons":["r"],
             "generatedSamples":[{"video":{"uri":"https://generativelanguage.googleapis.com/v1beta/files/a:download?alt=media"}}]}}}
            """)!;

        Assert.Single(Assert.IsType<PollResult.Succeeded>(GeminiMapping.ReadOperation(op)).Results);
    }

    [Fact]
    public void ReadOperation_Error_FailsWithAMappedCode()
    {
        var failed = Assert.IsType<PollResult.Failed>(GeminiMapping.ReadOperation(Recorded("operation-error.json")));

        Assert.Equal("invalid_request", failed.Code);
        Assert.Contains("The input image could not be read.", failed.Message);
    }

    [Fact]
    public void ReadOperation_DoneWithNothing_IsAnUpstreamError()
    {
        var failed = Assert.IsType<PollResult.Failed>(GeminiMapping.ReadOperation(JsonNode.Parse("""{"done":true,"response":{"generateVideoResponse":{}}}""")!));

        Assert.Equal("upstream_error", failed.Code);
    }

    [Fact]
    public void Options_ResolveAliasesThroughTheCatalogue()
    {
        var options = new GeminiOptions();

        Assert.Equal("veo-3.1-fast-generate-preview", options.UpstreamId("veo-3.1-fast"));
        Assert.Equal("veo-3.0-generate-001", options.UpstreamId("veo3"));
        Assert.Null(options.UpstreamId("sora-2"));
        options.Models["veo-3.1-fast"] = "veo-3.1-fast-generate-002";
        Assert.Equal("veo-3.1-fast-generate-002", options.UpstreamId("veo-3.1-fast"));
    }
}
