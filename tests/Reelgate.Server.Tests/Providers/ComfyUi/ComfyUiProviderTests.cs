using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.ComfyUi;
using Reelgate.Server.Tests.Media;
using Reelgate.Server.Tests.Providers.OpenAiCompatible;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Providers.ComfyUi;

/// The adapter against a fake ComfyUI on loopback, with the shipped templates: the exact requests
/// it sends, and what it makes of each answer.
public sealed class ComfyUiProviderTests : IAsyncLifetime
{
    const string Wan = "wan-2.1";
    const string Ltx = "ltx-video";
    const string Id = FakeComfyUi.PromptId;

    readonly ListLogger<ComfyUiProvider> log = new();
    ScriptedUpstream comfy = null!;

    public async Task InitializeAsync() => comfy = await FakeComfyUi.StartAsync();

    public async Task DisposeAsync() => await comfy.DisposeAsync();

    ComfyUiProvider Provider(Action<ComfyUiOptions>? configure = null)
    {
        var options = new ComfyUiOptions
        {
            BaseUrl = comfy.BaseUrl,
            ApiKey = FakeComfyUi.Token,
            PollSeconds = 2,
            TimeoutSeconds = 5,
            // Relative, as in appsettings: the shipped templates next to the application.
            Workflows = { [Wan] = "Providers/ComfyUi/Templates/wan2.1-t2v.json", [Ltx] = "Providers/ComfyUi/Templates/ltxv-i2v.json" },
        };
        configure?.Invoke(options);
        return new ComfyUiProvider(new HttpClient(), Options.Create(options), new FfmpegRunner(), log);
    }

    static UpstreamModel Model(string id) => new(id, SupportsAudio: false);

    static Reply History(string file) => Reply.File($"ComfyUi/{file}");

    [Fact]
    public async Task TextToVideo_QueuedThenRunningThenDone_DownloadsAPlayableMp4AndPoster()
    {
        var job = TestJobs.Job(TestJobs.Request(model: Wan, duration: 5, fps: 16, negative: "blurry, text", seed: 42));
        comfy.Enqueue(FakeComfyUi.History, History("history-empty.json"), History("history-empty.json"), History("history-success-mp4.json"));
        comfy.Enqueue(FakeComfyUi.Queue, Reply.File("ComfyUi/queue-pending.json"), Reply.File("ComfyUi/queue-running.json"));
        var provider = Provider();

        var operation = await provider.SubmitAsync(job, Model(Wan), default);
        var first = await provider.PollAsync(operation, default);
        var second = await provider.PollAsync(operation, default);
        var done = Assert.IsType<PollResult.Succeeded>(await provider.PollAsync(operation, default));
        var output = Assert.Single(await provider.DownloadAsync(job, done, default));

        Assert.Equal(Id, operation);
        Assert.Empty(comfy.RequestsTo(FakeComfyUi.Upload));
        AssertPromptRequest("prompt-request-wan.json", Assert.Single(comfy.RequestsTo(FakeComfyUi.Prompt)));
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(2)), first);
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(2)), second);
        Assert.All(comfy.RequestsTo(FakeComfyUi.History), r => Assert.Equal($"/history/{Id}", r.Path));
        Assert.Equal("?filename=wan_00001_.mp4&subfolder=reelgate&type=output", Assert.Single(comfy.RequestsTo(FakeComfyUi.View)).Query);
        Assert.All(comfy.Requests, r => Assert.Equal($"Bearer {FakeComfyUi.Token}", r.Authorization));

        Assert.Equal((0, 42u), (output.Index, output.Seed));
        var bytes = await File.ReadAllBytesAsync(output.VideoPath);
        await AssertPlayableAsync(bytes);
        Assert.True(IndexOf(bytes, "moov") < IndexOf(bytes, "mdat"), "the moov atom should come first (+faststart)");
        await AssertJpegAsync(output.ThumbnailPath);
        Assert.Equal(["0.jpg", "0.mp4"], Directory.GetFiles(job.WorkDir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task ImageToVideo_UploadsTheImage_AndTranscodesTheWebmToH264()
    {
        var image = GeneratedImages.Path("landscape.png");
        var job = TestJobs.Job(TestJobs.Request(model: Ltx, duration: 5, fps: 24, seed: uint.MaxValue, generationType: "first_frame"), image);
        comfy.Enqueue(FakeComfyUi.History, History("history-success-webm.json"));
        var provider = Provider();

        var operation = await provider.SubmitAsync(job, Model(Ltx), default);
        var done = Assert.IsType<PollResult.Succeeded>(await provider.PollAsync(operation, default));
        var output = Assert.Single(await provider.DownloadAsync(job, done, default));

        var upload = Assert.Single(comfy.RequestsTo(FakeComfyUi.Upload));
        Recorded.AssertMatches("ComfyUi/upload-request.json", upload);
        Assert.Equal(await File.ReadAllBytesAsync(image), upload.Files["image"].Bytes);
        AssertPromptRequest("prompt-request-ltxv.json", Assert.Single(comfy.RequestsTo(FakeComfyUi.Prompt)));
        Assert.Empty(comfy.RequestsTo(FakeComfyUi.Queue));
        Assert.Equal("?filename=ltxv%2000001%20%28draft%29.webm&subfolder=reelgate&type=output", Assert.Single(comfy.RequestsTo(FakeComfyUi.View)).Query);

        var probe = await AssertPlayableAsync(await File.ReadAllBytesAsync(output.VideoPath));
        Assert.Equal(64, probe.Stream("video")!["width"]!.GetValue<int>());
        await AssertJpegAsync(output.ThumbnailPath);
    }

    [Fact]
    public async Task Submit_WorkflowRefusedByValidation_IsInvalidRequest_NotAccepted()
    {
        comfy.Enqueue(FakeComfyUi.Prompt, Reply.File("ComfyUi/prompt-invalid.json", 400));

        var error = await SubmitFailsAsync(TestJobs.Request(model: Wan));

        Assert.Equal(("invalid_request", false), (error.Code, error.Accepted));
        Assert.Contains("node 1 (UNETLoader): Value not in list", error.Message);
    }

    [Theory]
    [InlineData(FakeComfyUi.Prompt, 429, "provider_rate_limited")]
    [InlineData(FakeComfyUi.Prompt, 500, "provider_unavailable")]
    [InlineData(FakeComfyUi.Prompt, 503, "provider_unavailable")]
    [InlineData(FakeComfyUi.Upload, 503, "provider_unavailable")]
    [InlineData(FakeComfyUi.Upload, 413, "invalid_request")]
    public async Task Submit_Refused_MapsToOurCode_NotAccepted(string route, int status, string code)
    {
        comfy.Enqueue(route, Reply.Html(status));

        var error = await SubmitFailsAsync(TestJobs.Request(model: Ltx), GeneratedImages.Path("landscape.png"));

        Assert.Equal((code, false), (error.Code, error.Accepted));
        if (route == FakeComfyUi.Upload) Assert.Empty(comfy.RequestsTo(FakeComfyUi.Prompt));
    }

    [Fact]
    public async Task Submit_ProxyRefusesTheToken_IsAuthFailure_AndTheTokenIsInNoMessageOrLog()
    {
        await using var strict = await FakeComfyUi.StartAsync(expectedToken: "the-token-the-proxy-wants");

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider(o => o.BaseUrl = strict.BaseUrl).SubmitAsync(TestJobs.Job(TestJobs.Request(model: Wan)), Model(Wan), default));

        Assert.Equal(("provider_auth_failed", false), (error.Code, error.Accepted));
        Assert.Contains("invalid bearer token [redacted]", error.Message);
        Assert.DoesNotContain(FakeComfyUi.Token, error.ToString());
        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(FakeComfyUi.Token, log.All);
    }

    [Fact]
    public async Task Submit_WithoutApiKey_SendsNoAuthorization()
    {
        await using var open = await FakeComfyUi.StartAsync(expectedToken: null);

        await Provider(o => { o.BaseUrl = open.BaseUrl; o.ApiKey = null; }).SubmitAsync(TestJobs.Job(TestJobs.Request(model: Wan)), Model(Wan), default);

        Assert.Null(Assert.Single(open.Requests).Authorization);
    }

    [Fact]
    public async Task Submit_ServerDown_IsUnavailable_NotAccepted()
    {
        var port = Support.Ports.Free(); // nobody listens there

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider(o => o.BaseUrl = $"http://127.0.0.1:{port}").SubmitAsync(TestJobs.Job(TestJobs.Request(model: Wan)), Model(Wan), default));

        Assert.Equal(("provider_unavailable", false), (error.Code, error.Accepted));
    }

    [Fact]
    public async Task Submit_ModelWithoutWorkflow_IsRefusedBeforeAnythingIsSent()
    {
        var error = await SubmitFailsAsync(TestJobs.Request(model: "hunyuan-video"));

        Assert.Equal(("invalid_request", false), (error.Code, error.Accepted));
        Assert.Contains("hunyuan-video", error.Message);
        Assert.Empty(comfy.Requests);
    }

    [Fact]
    public async Task Submit_ImageCountTheWorkflowCannotTake_IsRefusedBeforeAnythingIsSent()
    {
        var noImage = await SubmitFailsAsync(TestJobs.Request(model: Ltx));
        var extraImage = await SubmitFailsAsync(TestJobs.Request(model: Wan), GeneratedImages.Path("landscape.png"));

        Assert.Equal(("invalid_request", false), (noImage.Code, noImage.Accepted));
        Assert.Contains("needs 1 image", noImage.Message);
        Assert.Equal(("invalid_request", false), (extraImage.Code, extraImage.Accepted));
        Assert.Contains("takes 0 image", extraImage.Message);
        Assert.Empty(comfy.Requests);
    }

    [Fact]
    public async Task Submit_TemplateWithAnUnknownPlaceholder_IsMisconfigured_BeforeAnyUpload()
    {
        var template = Path.GetTempFileName();
        await File.WriteAllTextAsync(template, """
            {"3": {"class_type": "LoadImage", "inputs": {"image": "{{image}}"}},
             "8": {"class_type": "KSampler", "inputs": {"cfg": "{{cfg}}"}}}
            """);
        try
        {
            var error = await Assert.ThrowsAsync<ProviderException>(() => Provider(o => o.Workflows[Ltx] = template)
                .SubmitAsync(TestJobs.Job(TestJobs.Request(model: Ltx), GeneratedImages.Path("landscape.png")), Model(Ltx), default));

            Assert.Equal(("provider_misconfigured", false), (error.Code, error.Accepted));
            Assert.Contains("{{cfg}}", error.Message);
            Assert.Empty(comfy.Requests);
        }
        finally { File.Delete(template); }
    }

    [Fact]
    public async Task Poll_PresentButNotCompleted_IsPendingAtTheConfiguredPace()
    {
        comfy.Enqueue(FakeComfyUi.History, new Reply(200, System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"{{{Id}}}": {"outputs": {}, "status": {"status_str": "success", "completed": false, "messages": [] } } }""")));

        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(4)), await Provider(o => o.PollSeconds = 4).PollAsync(Id, default));
        Assert.Empty(comfy.RequestsTo(FakeComfyUi.Queue));
    }

    [Fact]
    public async Task Submit_NAboveOne_IsRefusedBeforeAnythingIsSent()
    {
        var error = await SubmitFailsAsync(TestJobs.Request(model: Wan, n: 3));

        Assert.Equal(("invalid_request", false), (error.Code, error.Accepted));
        Assert.Empty(comfy.Requests);
    }

    [Fact]
    public async Task Submit_TemplateInUiFormat_IsMisconfigured_NotAccepted()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Provider(o => o.Workflows[Wan] = Recorded.PathOf("ComfyUi/workflow-ui-format.json"))
                .SubmitAsync(TestJobs.Job(TestJobs.Request(model: Wan)), Model(Wan), default));

        Assert.Equal(("provider_misconfigured", false), (error.Code, error.Accepted));
        Assert.Empty(comfy.Requests);
    }

    [Fact]
    public async Task Submit_TemplateFileMissing_IsMisconfigured_AndThePathIsOnlyInTheLog()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-template-{Guid.NewGuid():N}.json");

        var error = await Assert.ThrowsAsync<ProviderException>(() => Provider(o => o.Workflows[Wan] = missing)
            .SubmitAsync(TestJobs.Job(TestJobs.Request(model: Wan)), Model(Wan), default));

        Assert.Equal(("provider_misconfigured", false), (error.Code, error.Accepted));
        Assert.DoesNotContain(missing, error.Message);
        Assert.Contains(missing, log.All);
    }

    [Theory]
    [InlineData("history-error.json", "KSampler (node 8): torch.OutOfMemoryError")]
    [InlineData("history-interrupted.json", "interrupted")]
    public async Task Poll_FailedWorkflow_IsUpstreamError(string file, string message)
    {
        comfy.Enqueue(FakeComfyUi.History, History(file));

        var failed = Assert.IsType<PollResult.Failed>(await Provider().PollAsync(Id, default));

        Assert.Equal("upstream_error", failed.Code);
        Assert.Contains(message, failed.Message);
    }

    [Fact]
    public async Task Poll_NeitherInQueueNorInHistory_IsLost_AfterASecondLook()
    {
        comfy.Enqueue(FakeComfyUi.History, History("history-empty.json"), History("history-empty.json"));
        comfy.Enqueue(FakeComfyUi.Queue, Reply.File("ComfyUi/queue-empty.json"));

        var result = await Provider().PollAsync(Id, default);

        Assert.Equal("upstream_operation_lost", Assert.IsType<PollResult.Failed>(result).Code);
        Assert.Equal([FakeComfyUi.History, FakeComfyUi.Queue, FakeComfyUi.History], comfy.Requests.Select(Route));
    }

    [Fact]
    public async Task Poll_FinishedBetweenTheLooks_IsSucceeded()
    {
        comfy.Enqueue(FakeComfyUi.History, History("history-empty.json"), History("history-success-mp4.json"));
        comfy.Enqueue(FakeComfyUi.Queue, Reply.File("ComfyUi/queue-empty.json"));

        Assert.IsType<PollResult.Succeeded>(await Provider().PollAsync(Id, default));
    }

    [Fact]
    public async Task Poll_429FromTheProxy_IsPendingForItsRetryAfter()
    {
        comfy.Enqueue(FakeComfyUi.History, new Reply(429, "{}"u8.ToArray(), Headers: new Dictionary<string, string> { ["Retry-After"] = "11" }));

        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(11)), await Provider().PollAsync(Id, default));
    }

    [Fact]
    public async Task Poll_503OnTheQueue_IsPendingForThePollInterval_NeverLost()
    {
        comfy.Enqueue(FakeComfyUi.History, History("history-empty.json"));
        comfy.Enqueue(FakeComfyUi.Queue, Reply.Html(503));

        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(3)), await Provider(o => o.PollSeconds = 3).PollAsync(Id, default));
    }

    [Fact]
    public async Task Download_AnimatedWebpWithoutTheDecoder_FailsWithTheFix()
    {
        // FFmpeg before 7.1 cannot decode animated WebP; a file that is not one fails the same way.
        await using var server = await ScriptedUpstream.StartAsync(_ => "any", (_, _) => null);
        server.Always("any", new Reply(200, "RIFF\0\0\0\0WEBPVP8X not really"u8.ToArray(), "image/webp"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Provider(o => o.BaseUrl = server.BaseUrl)
            .DownloadAsync(TestJobs.Job(TestJobs.Request(model: Wan)), new PollResult.Succeeded(["filename=a.webp&subfolder=&type=output"]), default));

        Assert.Equal("upstream_error", error.Code);
        Assert.Contains("SaveVideo or SaveWEBM", error.Message);
    }

    async Task<ProviderException> SubmitFailsAsync(Reelgate.Server.Tasks.GenerationRequest request, params string[] images) =>
        await Assert.ThrowsAsync<ProviderException>(() => Provider().SubmitAsync(TestJobs.Job(request, images), Model(request.Model), default));

    static string Route(Received r) => r.Path.StartsWith("/history/", StringComparison.Ordinal) ? FakeComfyUi.History : r.Route;

    /// The body of POST /prompt against a recorded one; client_id must be a GUID, whatever its value.
    static void AssertPromptRequest(string expectedFile, Received actual)
    {
        Assert.StartsWith("application/json", actual.ContentType);
        var body = JsonNode.Parse(actual.Text)!.AsObject();
        Assert.True(Guid.TryParse(body["client_id"]!.GetValue<string>(), out _));
        body["client_id"] = "<uuid>";
        var expected = Recorded.Json($"ComfyUi/{expectedFile}");
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    static async Task<JsonNode> AssertPlayableAsync(byte[] video)
    {
        var probe = await Ffprobe.ProbeAsync(video);
        var stream = probe.Stream("video")!;
        Assert.Equal(("h264", "yuv420p"), (stream["codec_name"]!.GetValue<string>(), stream["pix_fmt"]!.GetValue<string>()));
        Assert.Contains("mp4", probe["format"]!["format_name"]!.GetValue<string>());
        return probe;
    }

    static async Task AssertJpegAsync(string path)
    {
        var poster = await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(path));
        Assert.Equal("mjpeg", poster.Stream("video")!["codec_name"]!.GetValue<string>());
    }

    static int IndexOf(byte[] bytes, string fourCc) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(fourCc));
}
