using System.Net;
using System.Text.Json.Nodes;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.OpenAiCompatible;

using Reelgate.Server.Providers.Upstream;

namespace Reelgate.Server.Tests.Providers.OpenAiCompatible;

/// The /v1/videos mapping as pure functions, on recorded answers.
public sealed class OpenAiVideoMappingTests
{
    [Fact]
    public void SubmitFields_CarryModelPromptSecondsAndSize()
    {
        var request = TestJobs.Request(duration: 12, width: 720, height: 1280, negative: "blurry", seed: 7);

        var fields = OpenAiVideoMapping.SubmitFields(request, "sora-2-pro");

        Assert.Equal(
            new[] { ("model", "sora-2-pro"), ("prompt", TestJobs.Prompt), ("seconds", "12"), ("size", "720x1280") },
            fields);
    }

    [Fact]
    public void Refusal_NAboveOne_SaysWhy_AndNIsOneIsFine()
    {
        Assert.Null(OpenAiVideoMapping.Refusal(TestJobs.Request(n: 1)));
        Assert.Contains("n must be 1", OpenAiVideoMapping.Refusal(TestJobs.Request(n: 2)));
    }

    [Theory]
    [InlineData("video-queued.json", 0.0)]
    [InlineData("video-in-progress.json", 0.42)]
    public void ReadVideo_Running_IsPendingWithProgressAsFraction(string file, double progress)
    {
        var result = OpenAiVideoMapping.ReadVideo(Recorded.Json($"OpenAiCompatible/{file}"));

        var pending = Assert.IsType<PollResult.Pending>(result);
        Assert.Equal(progress, pending.Progress!.Value, 6);
        Assert.Null(pending.RetryAfter);
    }

    [Fact]
    public void ReadVideo_Completed_IsSucceededWithTheVideoId()
    {
        var result = OpenAiVideoMapping.ReadVideo(Recorded.Json("OpenAiCompatible/video-completed.json"));

        Assert.Equal(new[] { FakeVideosApi.VideoId }, Assert.IsType<PollResult.Succeeded>(result).Results);
    }

    [Fact]
    public void ReadVideo_BlockedByModeration_IsContentFilteredWithTheUpstreamMessage()
    {
        var result = OpenAiVideoMapping.ReadVideo(Recorded.Json("OpenAiCompatible/video-failed-moderation.json"));

        Assert.Equal(new PollResult.Failed("content_filtered", "Your request was blocked by our moderation system."), result);
    }

    [Fact]
    public void ReadVideo_OtherFailure_IsUpstreamErrorOnOneLineWithTheCode()
    {
        var result = OpenAiVideoMapping.ReadVideo(Recorded.Json("OpenAiCompatible/video-failed.json"));

        Assert.Equal(new PollResult.Failed("upstream_error", "Video generation failed. Please try again. (internal_error)"), result);
    }

    [Fact]
    public void ReadVideo_FailedWithoutError_StillFailsWithAMessage()
    {
        var result = OpenAiVideoMapping.ReadVideo(JsonNode.Parse("""{"id":"video_1","status":"failed","error":null}""")!);

        var failed = Assert.IsType<PollResult.Failed>(result);
        Assert.Equal("upstream_error", failed.Code);
        Assert.NotEmpty(failed.Message);
    }

    [Fact]
    public void ReadVideo_CompletedWithoutId_IsAFailureNotASuccessWithNothing()
    {
        var result = OpenAiVideoMapping.ReadVideo(JsonNode.Parse("""{"status":"completed"}""")!);

        Assert.Equal("upstream_error", Assert.IsType<PollResult.Failed>(result).Code);
    }

    [Theory]
    [InlineData("moderation_blocked", true)]
    [InlineData("content_policy_violation", true)]
    [InlineData("content_filter", true)]
    [InlineData("safety_violation", true)]
    [InlineData("internal_error", false)]
    [InlineData(null, false)]
    public void IsContentPolicy_KnowsTheModerationCodes(string? code, bool blocked) =>
        Assert.Equal(blocked, OpenAiVideoMapping.IsContentPolicy(code));

    [Fact]
    public void ReadVideoId_TakesTheIdOfTheSubmitAnswer()
    {
        Assert.Equal(FakeVideosApi.VideoId, OpenAiVideoMapping.ReadVideoId(Recorded.Json("OpenAiCompatible/video-queued.json")));
        Assert.Null(OpenAiVideoMapping.ReadVideoId(JsonNode.Parse("""{"object":"video"}""")));
    }

    [Theory]
    [InlineData("error-invalid-request.json", 400, "invalid_request")]
    [InlineData("error-invalid-request.json", 422, "invalid_request")]
    [InlineData("error-auth.json", 401, "provider_auth_failed")]
    [InlineData("error-auth.json", 403, "provider_auth_failed")]
    [InlineData("error-rate-limit.json", 429, "provider_rate_limited")]
    [InlineData("error-server.json", 500, "provider_unavailable")]
    [InlineData("error-server.json", 503, "provider_unavailable")]
    public void SubmitError_MapsEachStatusClass_NothingAccepted(string file, int status, string code)
    {
        var error = OpenAiVideoMapping.SubmitError(new UpstreamAnswer(status, Recorded.Text($"OpenAiCompatible/{file}"), null), null);

        Assert.Equal(code, error.Code);
        Assert.False(error.Accepted);
        Assert.Contains($"({status})", error.Message);
    }

    [Fact]
    public void SubmitError_NamesTheUpstreamMessageAndParam()
    {
        var error = OpenAiVideoMapping.SubmitError(new UpstreamAnswer(400, Recorded.Text("OpenAiCompatible/error-invalid-request.json"), null), null);

        Assert.Contains("Supported values are: '4', '8', and '12'.", error.Message);
        Assert.Contains("[param: seconds]", error.Message);
    }

    [Fact]
    public void SubmitError_EchoedKey_IsRedacted()
    {
        var error = OpenAiVideoMapping.SubmitError(new UpstreamAnswer(401, Recorded.Text("OpenAiCompatible/error-auth.json"), null), FakeVideosApi.Key);

        Assert.DoesNotContain(FakeVideosApi.Key, error.Message);
        Assert.Contains("Incorrect API key provided: [redacted]", error.Message);
    }

    [Fact]
    public void SubmitError_HtmlFromAProxy_IsNotQuoted()
    {
        var error = OpenAiVideoMapping.SubmitError(new UpstreamAnswer(502, "<html><body>Bad Gateway</body></html>", null), null);

        Assert.Equal("provider_unavailable", error.Code);
        Assert.DoesNotContain("<html>", error.Message);
    }

    [Fact]
    public void SubmitError_ErrorAsAPlainString_IsQuoted()
    {
        var error = OpenAiVideoMapping.SubmitError(new UpstreamAnswer(401, """{"error": "Unauthorized"}""", null), null);

        Assert.Equal("the upstream refused the video (401): Unauthorized", error.Message);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"status": {"value": "completed"}, "progress": "lots"}""")]
    public void ReadVideo_UnexpectedShape_IsPendingNotACrash(string json) =>
        Assert.Equal(new PollResult.Pending(), OpenAiVideoMapping.ReadVideo(JsonNode.Parse(json)!));

    [Fact]
    public void RetryAfter_MillisecondsHeaderWinsOverSeconds()
    {
        var headers = new HttpResponseMessage().Headers;
        headers.TryAddWithoutValidation("retry-after-ms", "1500");
        headers.TryAddWithoutValidation("Retry-After", "9");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), UpstreamHttp.RetryAfter(headers, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void RetryAfter_SecondsAndHttpDate()
    {
        var now = new DateTimeOffset(2025, 10, 9, 12, 0, 0, TimeSpan.Zero);
        var seconds = new HttpResponseMessage().Headers;
        seconds.TryAddWithoutValidation("Retry-After", "7");
        var date = new HttpResponseMessage().Headers;
        date.TryAddWithoutValidation("Retry-After", now.AddSeconds(30).ToString("R"));

        Assert.Equal(TimeSpan.FromSeconds(7), UpstreamHttp.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(30), UpstreamHttp.RetryAfter(date, now));
        Assert.Null(UpstreamHttp.RetryAfter(new HttpResponseMessage(HttpStatusCode.TooManyRequests).Headers, now));
    }

    [Fact]
    public void RetryAfter_AnHourIsCappedSoTheWorkerComesBack()
    {
        var headers = new HttpResponseMessage().Headers;
        headers.TryAddWithoutValidation("Retry-After", "3600");

        Assert.Equal(UpstreamHttp.MaxRetryAfter, UpstreamHttp.RetryAfter(headers, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("https://gw.example", "https://gw.example/v1")]
    [InlineData("https://gw.example/", "https://gw.example/v1")]
    [InlineData("https://gw.example/v1", "https://gw.example/v1")]
    [InlineData("https://gw.example/openai/v1/", "https://gw.example/openai/v1")]
    public void ApiRoot_ToleratesATrailingV1(string baseUrl, string root) =>
        Assert.Equal(root, new OpenAiCompatibleOptions { BaseUrl = baseUrl }.ApiRoot());

    [Fact]
    public void ResolveApiKey_FileWinsAndIsTrimmed()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, $"  {FakeVideosApi.Key}\n");
        try
        {
            Assert.Equal(FakeVideosApi.Key, new OpenAiCompatibleOptions { ApiKey = "other", ApiKeyFile = file }.ResolveApiKey());
            Assert.Equal("other", new OpenAiCompatibleOptions { ApiKey = " other " }.ResolveApiKey());
            Assert.Null(new OpenAiCompatibleOptions { ApiKey = " " }.ResolveApiKey());
        }
        finally { File.Delete(file); }
    }
}
