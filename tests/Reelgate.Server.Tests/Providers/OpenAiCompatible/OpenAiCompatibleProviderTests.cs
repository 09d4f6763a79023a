using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.OpenAiCompatible;
using Reelgate.Server.Tests.Media;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Providers.OpenAiCompatible;

/// The adapter against a fake /v1/videos server on loopback: the exact requests it sends, and
/// what it makes of each answer.
public sealed class OpenAiCompatibleProviderTests : IAsyncLifetime
{
    static readonly UpstreamModel Sora = new("sora-2", SupportsAudio: true);

    readonly ListLogger<OpenAiCompatibleProvider> log = new();
    ScriptedUpstream api = null!;

    public async Task InitializeAsync() => api = await FakeVideosApi.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    OpenAiCompatibleProvider Provider(Action<OpenAiCompatibleOptions>? configure = null)
    {
        var options = new OpenAiCompatibleOptions { BaseUrl = api.BaseUrl, ApiKey = FakeVideosApi.Key, PollSeconds = 5, TimeoutSeconds = 5 };
        configure?.Invoke(options);
        return new OpenAiCompatibleProvider(new HttpClient(), Options.Create(options), new FfmpegRunner(), log);
    }

    [Fact]
    public async Task Submit_PollPendingTwice_ThenDownload_GivesAPlayableVideoAndAJpegPoster()
    {
        var image = GeneratedImages.Path("landscape.png");
        var job = TestJobs.Job(TestJobs.Request(model: "sora-2", duration: 8), image);
        api.Enqueue(FakeVideosApi.Retrieve,
            Reply.File("OpenAiCompatible/video-queued.json"),
            Reply.File("OpenAiCompatible/video-in-progress.json"),
            Reply.File("OpenAiCompatible/video-completed.json"));
        var provider = Provider();

        var operation = await provider.SubmitAsync(job, Sora, default);
        var first = await provider.PollAsync(operation, default);
        var second = await provider.PollAsync(operation, default);
        var done = Assert.IsType<PollResult.Succeeded>(await provider.PollAsync(operation, default));
        var outputs = await provider.DownloadAsync(job, done, default);

        Assert.Equal(FakeVideosApi.VideoId, operation);
        var submit = Assert.Single(api.RequestsTo(FakeVideosApi.Submit));
        Recorded.AssertMatches("OpenAiCompatible/submit-request.json", submit);
        Assert.Equal(await File.ReadAllBytesAsync(image), submit.Files["input_reference"].Bytes);
        Assert.Equal(new PollResult.Pending(0.0, TimeSpan.FromSeconds(5)), first);
        Assert.Equal(0.42, Assert.IsType<PollResult.Pending>(second).Progress!.Value, 6);
        Assert.All(api.RequestsTo(FakeVideosApi.Retrieve), r =>
        {
            Assert.Equal($"/v1/videos/{FakeVideosApi.VideoId}", r.Path);
            Assert.Equal($"Bearer {FakeVideosApi.Key}", r.Authorization);
        });
        Assert.Equal(3, api.RequestsTo(FakeVideosApi.Retrieve).Count);
        Assert.Single(api.RequestsTo(FakeVideosApi.Content));
        Assert.Single(api.RequestsTo(FakeVideosApi.Thumbnail));

        var output = Assert.Single(outputs);
        Assert.Equal((0, job.Request.Seed), (output.Index, output.Seed));
        Assert.Equal(Path.Combine(job.WorkDir, "0.mp4"), output.VideoPath);
        Assert.Equal(UpstreamMedia.Mp4, await File.ReadAllBytesAsync(output.VideoPath));
        var video = await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(output.VideoPath));
        Assert.Equal("h264", video.Stream("video")!["codec_name"]!.GetValue<string>());
        await AssertJpegAsync(output.ThumbnailPath);
        Assert.DoesNotContain("No usable upstream thumbnail", log.All);
        Assert.False(File.Exists(Path.Combine(job.WorkDir, "0.thumbnail")));
    }

    [Fact]
    public async Task Submit_TextOnly_SendsNoImagePart_AndTheMappedUpstreamModel()
    {
        var provider = Provider(o => o.Models["sora-2"] = "sora-2-2025-10-06");

        await provider.SubmitAsync(TestJobs.Job(TestJobs.Request()), Sora, default);

        var submit = Assert.Single(api.Requests);
        Assert.Empty(submit.Files);
        Assert.Equal("sora-2-2025-10-06", submit.Fields["model"]);
    }

    [Fact]
    public async Task Download_WithoutUpstreamThumbnail_MakesThePosterFromTheFirstFrame()
    {
        var job = TestJobs.Job(TestJobs.Request());
        api.Always(FakeVideosApi.Thumbnail, new Reply(404, "{}"u8.ToArray()));

        var output = Assert.Single(await Provider().DownloadAsync(job, new PollResult.Succeeded([FakeVideosApi.VideoId]), default));

        await AssertJpegAsync(output.ThumbnailPath);
    }

    [Fact]
    public async Task Download_VideoMissingUpstream_FailsAfterTheJobWasAccepted()
    {
        api.Always(FakeVideosApi.Content, new Reply(404, "{}"u8.ToArray()));

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider().DownloadAsync(TestJobs.Job(TestJobs.Request()), new PollResult.Succeeded([FakeVideosApi.VideoId]), default));

        Assert.Equal("upstream_error", error.Code);
        Assert.True(error.Accepted);
    }

    [Theory]
    [InlineData("video-failed-moderation.json", "content_filtered")]
    [InlineData("video-failed.json", "upstream_error")]
    public async Task Poll_FailedVideo_IsFailedWithOurCode(string file, string code)
    {
        api.Enqueue(FakeVideosApi.Retrieve, Reply.File($"OpenAiCompatible/{file}"));

        var result = await Provider().PollAsync(FakeVideosApi.VideoId, default);

        Assert.Equal(code, Assert.IsType<PollResult.Failed>(result).Code);
    }

    [Theory]
    [InlineData("error-invalid-request.json", 400, "invalid_request")]
    [InlineData("error-invalid-request.json", 422, "invalid_request")]
    [InlineData("error-auth.json", 403, "provider_auth_failed")]
    [InlineData("error-rate-limit.json", 429, "provider_rate_limited")]
    [InlineData("error-server.json", 500, "provider_unavailable")]
    [InlineData("error-server.json", 503, "provider_unavailable")]
    public async Task Submit_Refused_MapsToOurCode_NotAccepted(string file, int status, string code)
    {
        api.Enqueue(FakeVideosApi.Submit, Reply.File($"OpenAiCompatible/{file}", status));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Provider().SubmitAsync(TestJobs.Job(TestJobs.Request()), Sora, default));

        Assert.Equal(code, error.Code);
        Assert.False(error.Accepted);
    }

    [Fact]
    public async Task Submit_WrongKey_IsAuthFailure_AndTheKeyIsInNoMessageOrLog()
    {
        await using var strict = await FakeVideosApi.StartAsync(expectedKey: "sk-the-one-the-server-wants");
        var provider = new OpenAiCompatibleProvider(new HttpClient(),
            Options.Create(new OpenAiCompatibleOptions { BaseUrl = strict.BaseUrl, ApiKey = FakeVideosApi.Key }), new FfmpegRunner(), log);

        var error = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(TestJobs.Job(TestJobs.Request()), Sora, default));

        Assert.Equal("provider_auth_failed", error.Code);
        Assert.False(error.Accepted);
        Assert.Contains("[redacted]", error.Message);
        Assert.DoesNotContain(FakeVideosApi.Key, error.ToString());
        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(FakeVideosApi.Key, log.All);
    }

    [Fact]
    public async Task Submit_KeyFromFile_IsSentAsBearer_AndNoKeyMeansNoHeader()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, FakeVideosApi.Key + "\n");
        await using var open = await FakeVideosApi.StartAsync(expectedKey: null);
        try
        {
            await Provider(o => { o.ApiKey = null; o.ApiKeyFile = file; }).SubmitAsync(TestJobs.Job(TestJobs.Request()), Sora, default);
            await new OpenAiCompatibleProvider(new HttpClient(), Options.Create(new OpenAiCompatibleOptions { BaseUrl = open.BaseUrl }), new FfmpegRunner(), log)
                .SubmitAsync(TestJobs.Job(TestJobs.Request()), Sora, default);
        }
        finally { File.Delete(file); }

        Assert.Equal($"Bearer {FakeVideosApi.Key}", Assert.Single(api.Requests).Authorization);
        Assert.Null(Assert.Single(open.Requests).Authorization);
    }

    [Fact]
    public async Task Submit_NAboveOne_IsRefusedBeforeAnythingIsSent()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => Provider().SubmitAsync(TestJobs.Job(TestJobs.Request(n: 2)), Sora, default));

        Assert.Equal("invalid_request", error.Code);
        Assert.False(error.Accepted);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Submit_ServerDown_IsUnavailable_NotAccepted()
    {
        var port = Support.Ports.Free(); // nobody listens there

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider(o => o.BaseUrl = $"http://127.0.0.1:{port}").SubmitAsync(TestJobs.Job(TestJobs.Request()), Sora, default));

        Assert.Equal("provider_unavailable", error.Code);
        Assert.False(error.Accepted);
        Assert.DoesNotContain(port.ToString(), error.Message);
    }

    [Fact]
    public async Task Submit_NoAnswerWithinTimeout_IsUnavailable_NotAccepted()
    {
        api.Enqueue(FakeVideosApi.Submit, Reply.File("OpenAiCompatible/video-queued.json") with { Delay = TimeSpan.FromSeconds(10) });

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider(o => o.TimeoutSeconds = 1).SubmitAsync(TestJobs.Job(TestJobs.Request()), Sora, default));

        Assert.Equal("provider_unavailable", error.Code);
        Assert.False(error.Accepted);
    }

    [Fact]
    public async Task Poll_429WithRetryAfterMs_IsPendingForThatLong()
    {
        api.Enqueue(FakeVideosApi.Retrieve, Reply.File("OpenAiCompatible/error-rate-limit.json", 429,
            new Dictionary<string, string> { ["retry-after-ms"] = "2500" }));

        var result = await Provider().PollAsync(FakeVideosApi.VideoId, default);

        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromMilliseconds(2500)), result);
    }

    [Fact]
    public async Task Poll_503WithRetryAfter_IsPendingForThatLong()
    {
        api.Enqueue(FakeVideosApi.Retrieve, Reply.File("OpenAiCompatible/error-server.json", 503,
            new Dictionary<string, string> { ["Retry-After"] = "7" }));

        var result = await Provider().PollAsync(FakeVideosApi.VideoId, default);

        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(7)), result);
    }

    [Fact]
    public async Task Poll_502HtmlWithoutRetryAfter_IsPendingForThePollInterval()
    {
        api.Enqueue(FakeVideosApi.Retrieve, Reply.Html(502));

        var result = await Provider(o => o.PollSeconds = 9).PollAsync(FakeVideosApi.VideoId, default);

        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(9)), result);
    }

    [Fact]
    public async Task Poll_UnknownVideo_IsLost()
    {
        api.Enqueue(FakeVideosApi.Retrieve, new Reply(404,
            """{"error":{"message":"Video with id 'video_x' not found.","type":"invalid_request_error","param":null,"code":null}}"""u8.ToArray()));

        var result = await Provider().PollAsync("video_x", default);

        Assert.Equal("upstream_operation_lost", Assert.IsType<PollResult.Failed>(result).Code);
    }

    static async Task AssertJpegAsync(string path)
    {
        var poster = await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(path));
        var stream = poster.Stream("video")!;
        Assert.Equal("mjpeg", stream["codec_name"]!.GetValue<string>());
        Assert.Equal(64, stream["width"]!.GetValue<int>());
    }
}
