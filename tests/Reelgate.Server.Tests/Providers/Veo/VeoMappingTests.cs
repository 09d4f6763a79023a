using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Veo;

namespace Reelgate.Server.Tests.Providers.Veo;

public sealed class VeoMappingTests
{
    static readonly UpstreamModel WithAudio = new("veo-3.1-fast-generate-preview", SupportsAudio: true);
    static readonly VeoImage First = new("Zmlyc3Q=", "image/png");
    static readonly VeoImage Last = new("bGFzdA==", "image/jpeg");
    static readonly VeoImage Third = new("dGhpcmQ=", "image/webp");

    [Fact]
    public void ToRequest_TextToVideo_MapsEveryParameter()
    {
        var body = VeoMapping.ToRequest(VeoTestData.Request(n: 3) with { Duration = 6, AspectRatio = "9:16", Resolution = "720p" }, [], WithAudio);

        var expected = JsonNode.Parse("""
            {"instances":[{"prompt":"A lighthouse at dusk, waves rolling in"}],
             "parameters":{"sampleCount":3,"durationSeconds":6,"aspectRatio":"9:16","resolution":"720p",
               "negativePrompt":"blurry, text overlays","personGeneration":"allow_adult","enhancePrompt":true,
               "seed":424242,"generateAudio":true}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    [Fact]
    public void ToRequest_TextToVideo_SendsNoImagesEvenWhenGiven()
    {
        var instance = VeoMapping.ToRequest(VeoTestData.Request(), [First], WithAudio)["instances"]![0]!.AsObject();

        Assert.Equal(["prompt"], instance.Select(p => p.Key));
    }

    [Fact]
    public void ToRequest_FirstFrame_SendsTheImageInline()
    {
        var instance = VeoMapping.ToRequest(VeoTestData.Request("first_frame"), [First], WithAudio)["instances"]![0]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"bytesBase64Encoded":"Zmlyc3Q=","mimeType":"image/png"}"""), instance["image"]));
        Assert.Null(instance["lastFrame"]);
        Assert.Null(instance["referenceImages"]);
    }

    [Fact]
    public void ToRequest_FirstLast_SendsImageAndLastFrame()
    {
        var instance = VeoMapping.ToRequest(VeoTestData.Request("first_last"), [First, Last], WithAudio)["instances"]![0]!;

        Assert.Equal("Zmlyc3Q=", instance["image"]!["bytesBase64Encoded"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"bytesBase64Encoded":"bGFzdA==","mimeType":"image/jpeg"}"""), instance["lastFrame"]));
    }

    [Fact]
    public void ToRequest_Reference_SendsEveryImageAsAnAsset()
    {
        var instance = VeoMapping.ToRequest(VeoTestData.Request("reference"), [First, Last, Third], WithAudio)["instances"]![0]!;

        var expected = JsonNode.Parse("""
            [{"image":{"bytesBase64Encoded":"Zmlyc3Q=","mimeType":"image/png"},"referenceType":"asset"},
             {"image":{"bytesBase64Encoded":"bGFzdA==","mimeType":"image/jpeg"},"referenceType":"asset"},
             {"image":{"bytesBase64Encoded":"dGhpcmQ=","mimeType":"image/webp"},"referenceType":"asset"}]
            """);
        Assert.True(JsonNode.DeepEquals(expected, instance["referenceImages"]), instance.ToJsonString());
        Assert.Null(instance["image"]);
    }

    [Fact]
    public void ToRequest_WithoutNegativePromptOrPersonGeneration_LeavesThemOut()
    {
        var parameters = VeoMapping.ToRequest(VeoTestData.Request() with { NegativePrompt = null, PersonGeneration = null, EnhancePrompt = false }, [], WithAudio)["parameters"]!;

        Assert.Null(parameters["negativePrompt"]);
        Assert.Null(parameters["personGeneration"]);
        Assert.False(parameters["enhancePrompt"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, null)]
    [InlineData(false, false, null)]
    public void ToRequest_GenerateAudio_OnlyForModelsWithAudio(bool supportsAudio, bool requested, bool? sent)
    {
        var parameters = VeoMapping.ToRequest(VeoTestData.Request() with { GenerateAudio = requested }, [], WithAudio with { SupportsAudio = supportsAudio })["parameters"]!;

        Assert.Equal(sent, parameters["generateAudio"]?.GetValue<bool>());
    }

    [Fact]
    public void ToRequest_StorageUri_IsAParameterWhenSet()
    {
        Assert.Equal("gs://b/out/", VeoMapping.ToRequest(VeoTestData.Request(), [], WithAudio, "gs://b/out/")["parameters"]!["storageUri"]!.GetValue<string>());
        Assert.Null(VeoMapping.ToRequest(VeoTestData.Request(), [], WithAudio)["parameters"]!["storageUri"]);
    }

    [Fact]
    public void ToRequest_LargestSeed_StaysExact()
    {
        var body = VeoMapping.ToRequest(VeoTestData.Request() with { Seed = uint.MaxValue, Resolution = "4k" }, [], WithAudio);

        Assert.Contains("\"seed\":4294967295", body.ToJsonString());
        Assert.Equal("4k", body["parameters"]!["resolution"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"code":3,"message":"bad image"}""", "invalid_request")]
    [InlineData("""{"code":9,"message":"x"}""", "invalid_request")]
    [InlineData("""{"code":7,"message":"x"}""", "provider_auth_failed")]
    [InlineData("""{"code":16,"message":"x"}""", "provider_auth_failed")]
    [InlineData("""{"code":8,"message":"x"}""", "provider_rate_limited")]
    [InlineData("""{"code":13,"message":"x"}""", "upstream_error")]
    [InlineData("""{"code":400,"message":"x","status":"INVALID_ARGUMENT"}""", "invalid_request")]
    [InlineData("""{"code":403,"message":"x","status":"PERMISSION_DENIED"}""", "provider_auth_failed")]
    [InlineData("""{"code":429,"message":"x","status":"RESOURCE_EXHAUSTED"}""", "provider_rate_limited")]
    [InlineData("""{"code":500,"message":"x","status":"INTERNAL"}""", "upstream_error")]
    [InlineData("""{"message":"no code at all"}""", "upstream_error")]
    public void OperationError_MapsGoogleCodesToOurs(string error, string code)
    {
        var failed = VeoMapping.OperationError(JsonNode.Parse(error)!, "Gemini");

        Assert.Equal(code, failed.Code);
        Assert.StartsWith("Gemini failed the operation", failed.Message);
    }

    [Fact]
    public void NoVideo_WithReasons_IsContentFilteredWithThem()
    {
        var failed = VeoMapping.NoVideo(JsonNode.Parse("""{"raiMediaFilteredCount":2,"raiMediaFilteredReasons":["first reason.","second reason."]}"""), "Gemini");

        Assert.Equal(new PollResult.Failed("content_filtered", "first reason. second reason."), failed);
    }

    [Fact]
    public void NoVideo_WithOnlyACount_IsContentFiltered()
    {
        var failed = VeoMapping.NoVideo(JsonNode.Parse("""{"raiMediaFilteredCount":1}"""), "Vertex AI");

        Assert.Equal("content_filtered", failed.Code);
        Assert.Contains("1 video", failed.Message);
    }

    [Fact]
    public void NoVideo_WithoutFilterFields_IsAnUpstreamError()
    {
        Assert.Equal("upstream_error", VeoMapping.NoVideo(JsonNode.Parse("{}"), "Gemini").Code);
        Assert.Equal("upstream_error", VeoMapping.NoVideo(null, "Gemini").Code);
    }

    [Theory]
    [InlineData(400, "invalid_request")]
    [InlineData(401, "provider_auth_failed")]
    [InlineData(403, "provider_auth_failed")]
    [InlineData(404, "upstream_error")]
    [InlineData(429, "provider_rate_limited")]
    [InlineData(500, "provider_unavailable")]
    [InlineData(503, "provider_unavailable")]
    public void SubmitError_MapsStatusAndIsNeverAccepted(int status, string code)
    {
        var body = File.Exists(Path.Combine(VeoTestData.Dir, "errors", $"{status}.json")) ? VeoTestData.Render($"errors/{status}.json", new Dictionary<string, string>()) : "";

        var e = VeoErrors.Submit(status, body, "Gemini", "secret");

        Assert.Equal(code, e.Code);
        Assert.False(e.Accepted);
        Assert.StartsWith($"Gemini answered HTTP {status}", e.Message);
    }

    [Fact]
    public void SubmitError_WithoutAJsonBody_StillSaysTheStatus()
    {
        var e = VeoErrors.Submit(502, "<html>Bad Gateway</html>", "Vertex AI", null);

        Assert.Equal(("provider_unavailable", "Vertex AI answered HTTP 502."), (e.Code, e.Message));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void PollError_ThrottlingAndOutages_ArePendingWithTheWait(int status)
    {
        var result = VeoErrors.Poll(status, "", TimeSpan.FromSeconds(7), "Gemini", null);

        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(7)), result);
    }

    [Theory]
    [InlineData(404, "upstream_operation_lost")]
    [InlineData(401, "provider_auth_failed")]
    [InlineData(403, "provider_auth_failed")]
    [InlineData(400, "upstream_error")]
    public void PollError_OtherAnswers_Fail(int status, string code)
    {
        var result = Assert.IsType<PollResult.Failed>(VeoErrors.Poll(status, """{"error":{"code":1,"message":"m"}}""", TimeSpan.FromSeconds(1), "Gemini", null));

        Assert.Equal(code, result.Code);
    }

    [Fact]
    public void Errors_NeverRepeatTheSecret()
    {
        const string secret = "AIzaSyDUMMY-never-shown-123";
        var body = VeoTestData.Render("errors/400-echoes-secret.json", new Dictionary<string, string> { ["SECRET"] = secret });

        var submit = VeoErrors.Submit(400, body, "Gemini", secret);
        var poll = Assert.IsType<PollResult.Failed>(VeoErrors.Poll(400, body, TimeSpan.Zero, "Gemini", secret));

        Assert.DoesNotContain(secret, submit.Message);
        Assert.DoesNotContain(secret, poll.Message);
        Assert.Contains("[redacted]", submit.Message);
    }

    [Fact]
    public void RetryAfter_ReadsSecondsAndDates_AndFallsBack()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var fallback = TimeSpan.FromSeconds(10);

        Assert.Equal(TimeSpan.FromSeconds(7), VeoErrors.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now, fallback));
        Assert.Equal(TimeSpan.FromSeconds(90), VeoErrors.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(90)), now, fallback));
        Assert.Equal(fallback, VeoErrors.RetryAfter(null, now, fallback));
        Assert.Equal(TimeSpan.FromSeconds(1), VeoErrors.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(-30)), now, fallback));
        Assert.Equal(TimeSpan.FromHours(1), VeoErrors.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromDays(2)), now, fallback));
    }

    [Theory]
    [InlineData("models/veo-3.1-fast-generate-preview/operations/k3xq7v2m9p1a", true)]
    [InlineData("projects/p/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/5c0ffee0-1234", true)]
    [InlineData("models/veo/operations/../../v1beta/files", false)]
    [InlineData("models/veo/operations/a?key=x", false)]
    [InlineData("https://evil.example/operations/x", false)]
    [InlineData("operations", false)]
    [InlineData("", false)]
    public void OperationName_MustLookLikeOne(string name, bool valid) => Assert.Equal(valid, VeoOperationName.IsValid(name));

    [Fact]
    public async Task Images_AreReadWithTheirSniffedType()
    {
        var dir = VeoTestData.NewWorkDir();
        var paths = await VeoTestData.WriteImagesAsync(dir, await VeoTestData.PngAsync(), await VeoTestData.JpegAsync());

        var images = await VeoImage.LoadAsync(paths, CancellationToken.None);

        Assert.Equal(["image/png", "image/jpeg"], images.Select(i => i.MimeType));
        Assert.Equal(await File.ReadAllBytesAsync(paths[1]), Convert.FromBase64String(images[1].Base64));
    }

    [Fact]
    public async Task Images_ThatAreNotImages_AreAnInvalidRequestNeverAccepted()
    {
        var dir = VeoTestData.NewWorkDir();
        var paths = await VeoTestData.WriteImagesAsync(dir, "not an image at all"u8.ToArray());

        var e = await Assert.ThrowsAsync<ProviderException>(() => VeoImage.LoadAsync(paths, CancellationToken.None));

        Assert.Equal("invalid_request", e.Code);
        Assert.False(e.Accepted);
    }
}
