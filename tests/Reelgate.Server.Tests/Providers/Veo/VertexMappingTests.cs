using System.Text.Json.Nodes;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Vertex;

namespace Reelgate.Server.Tests.Providers.Veo;

public sealed class VertexMappingTests
{
    const string Operation = "projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/5c0ffee0-1234-4abc-9def-0123456789ab";

    static JsonNode Recorded(string file) =>
        JsonNode.Parse(VeoTestData.Render($"vertex/{file}", new Dictionary<string, string> { ["OPERATION"] = Operation, ["VIDEO_BASE64"] = "AAAAHGZ0eXA=" }))!;

    [Fact]
    public void ModelPath_And_TheModelPathOfAnOperation()
    {
        Assert.Equal("projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001",
            VertexMapping.ModelPath("test-project", "us-central1", "veo-3.1-generate-001"));
        Assert.Equal("projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001", VertexMapping.ModelPathOf(Operation));
        Assert.Null(VertexMapping.ModelPathOf("models/veo-3.1-fast-generate-preview/operations/x"));
        Assert.Null(VertexMapping.ModelPathOf("projects/p/locations/l/operations/x"));
        Assert.Null(VertexMapping.ModelPathOf("projects/../../operations/x"));
    }

    [Fact]
    public void FetchRequest_NamesTheOperation() =>
        Assert.True(JsonNode.DeepEquals(Recorded("fetch-request.json"), VertexMapping.FetchRequest(Operation)));

    [Fact]
    public void OperationName_IsTakenFromTheSubmitAnswer()
    {
        Assert.Equal(Operation, VertexMapping.OperationName(Recorded("operation-created.json")));
        Assert.Null(VertexMapping.OperationName(JsonNode.Parse("""{"name":"models/m/operations/x"}""")));
    }

    [Fact]
    public void ReadOperation_NotDone_IsPending() =>
        Assert.Equal(new PollResult.Pending(), VertexMapping.ReadOperation(Recorded("operation-pending.json"), Operation));

    [Fact]
    public void ReadOperation_GcsResults_AreTheirUris()
    {
        var done = Assert.IsType<PollResult.Succeeded>(VertexMapping.ReadOperation(Recorded("operation-done-gcs.json"), Operation));

        Assert.Equal(["gs://reelgate-test/out/6214/sample_0.mp4", "gs://reelgate-test/out/6214/sample_1.mp4"], done.Results);
    }

    [Fact]
    public void ReadOperation_InlineResults_AreMarkersThatFindThemAgain()
    {
        var op = Recorded("operation-done-inline.json");

        var done = Assert.IsType<PollResult.Succeeded>(VertexMapping.ReadOperation(op, Operation));

        var marker = Assert.Single(done.Results);
        Assert.DoesNotContain("AAAAHGZ0eXA=", marker);
        Assert.Equal((0, Operation), VertexMapping.ParseInlineMarker(marker));
        Assert.Equal("AAAAHGZ0eXA=", VertexMapping.InlineVideo(op, 0));
        Assert.Null(VertexMapping.InlineVideo(op, 1));
        Assert.Null(VertexMapping.ParseInlineMarker("gs://b/o.mp4"));
    }

    [Fact]
    public void ReadOperation_Filtered_IsContentFilteredWithTheReasons()
    {
        var failed = Assert.IsType<PollResult.Failed>(VertexMapping.ReadOperation(Recorded("operation-filtered.json"), Operation));

        Assert.Equal(new PollResult.Failed("content_filtered", "Two videos were held back by the safety filters (support code 58061214)."), failed);
    }

    [Fact]
    public void ReadOperation_Error_FailsWithAMappedCode()
    {
        var failed = Assert.IsType<PollResult.Failed>(VertexMapping.ReadOperation(Recorded("operation-error.json"), Operation));

        Assert.Equal("provider_rate_limited", failed.Code);
        Assert.StartsWith("Vertex AI failed the operation (8): Quota", failed.Message);
    }

    [Theory]
    [InlineData("gs://reelgate-test/out/6214/sample_0.mp4", "https://storage.googleapis.com/storage/v1/b/reelgate-test/o/out%2F6214%2Fsample_0.mp4?alt=media")]
    [InlineData("gs://b/a b#c.mp4", "https://storage.googleapis.com/storage/v1/b/b/o/a%20b%23c.mp4?alt=media")]
    [InlineData("gs://bucket-only", null)]
    [InlineData("gs://bucket/", null)]
    [InlineData("https://storage.googleapis.com/b/o.mp4", null)]
    public void MediaUrl_IsTheJsonApiDownload(string gcs, string? url) =>
        Assert.Equal(url, VertexMapping.MediaUrl(gcs, "https://storage.googleapis.com/"));

    [Theory]
    [InlineData("us-central1", null, "https://us-central1-aiplatform.googleapis.com")]
    [InlineData("global", null, "https://aiplatform.googleapis.com")]
    [InlineData("europe-west4", "http://127.0.0.1:9/", "http://127.0.0.1:9")]
    public void Options_ApiBase_FollowsTheLocation(string location, string? baseUrl, string expected) =>
        Assert.Equal(expected, new VertexOptions { Location = location, BaseUrl = baseUrl }.ApiBase);

    [Fact]
    public void Options_MapOurModelsToVertexIds()
    {
        var options = new VertexOptions();

        Assert.Equal("veo-3.1-generate-001", options.UpstreamId("veo-3.1-generate-preview"));
        Assert.Equal("veo-3.1-fast-generate-001", options.UpstreamId("veo-3.1-fast"));
        Assert.Null(options.UpstreamId("unknown"));
    }
}
