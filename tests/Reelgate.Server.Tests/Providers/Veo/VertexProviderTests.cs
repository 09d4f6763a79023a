using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Vertex;
using Reelgate.Server.Tests.Support;
using static Reelgate.Server.Tests.Providers.Veo.VeoFake;

namespace Reelgate.Server.Tests.Providers.Veo;

/// The Vertex AI adapter against in-process fakes of Vertex AI and of Cloud Storage.
public sealed class VertexProviderTests
{
    const string Token = "ya29.test-access-token-0123456789";
    const string ModelPath = "/v1/projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001";
    const string Operation = "projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/5c0ffee0-1234-4abc-9def-0123456789ab";
    static readonly UpstreamModel Model = new("veo-3.1-generate-001", SupportsAudio: true);
    static readonly Dictionary<string, string> Bearer = new() { ["Authorization"] = $"Bearer {Token}" };
    static readonly CancellationToken None = CancellationToken.None;

    /// A token source that needs no Google; Failure makes it throw instead.
    internal sealed class FixedTokens(string token) : IAccessTokenSource
    {
        public Exception? Failure { get; set; }

        public int Calls { get; private set; }

        public Task<string> GetAccessTokenAsync(CancellationToken ct)
        {
            Calls++;
            return Failure is { } e ? Task.FromException<string>(e) : Task.FromResult(token);
        }
    }

    internal static (VertexProvider Provider, ListLogger<VertexProvider> Log) Create(string baseUrl, IAccessTokenSource tokens, Action<VertexOptions>? tweak = null)
    {
        var options = new VertexOptions { Project = "test-project", BaseUrl = baseUrl, StorageBaseUrl = baseUrl, TimeoutSeconds = 5, PollSeconds = 3 };
        tweak?.Invoke(options);
        var log = new ListLogger<VertexProvider>();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        return (new VertexProvider(http, Options.Create(options), tokens, new FfmpegRunner(), TimeProvider.System, log), log);
    }

    static ProviderJob FirstFrameJob(IReadOnlyList<string> images, string work) => new("task_vertex", VeoTestData.Request("first_frame"), images, work);

    [Fact]
    public async Task Reference_WithStorageUri_SubmitPollTwiceThenDone_DownloadsFromCloudStorage()
    {
        await using var api = Start();
        await using var storage = Start();
        var png = await VeoTestData.PngAsync();
        var jpeg = await VeoTestData.JpegAsync();
        var video = await VeoTestData.VideoAsync();
        api.Vars["FIRST_IMAGE"] = Convert.ToBase64String(png);
        api.Vars["LAST_IMAGE"] = Convert.ToBase64String(jpeg);
        api.Vars["OPERATION"] = Operation;
        api.Expect("POST", $"{ModelPath}:predictLongRunning", Reply.Json("vertex/operation-created.json"), Bearer, "vertex/request-reference.json", ["x-goog-api-key"])
            .Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json("vertex/operation-pending.json"), Bearer, "vertex/fetch-request.json")
            .Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json("vertex/operation-pending.json"), Bearer, "vertex/fetch-request.json")
            .Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json("vertex/operation-done-gcs.json"), Bearer, "vertex/fetch-request.json");
        storage.Expect("GET", "/storage/v1/b/reelgate-test/o/out%2F6214%2Fsample_0.mp4?alt=media", new Reply(200, Bytes: video, ContentType: "video/mp4"), Bearer)
            .Expect("GET", "/storage/v1/b/reelgate-test/o/out%2F6214%2Fsample_1.mp4?alt=media", new Reply(200, Bytes: video, ContentType: "video/mp4"), Bearer);
        var (provider, log) = Create(api.BaseUrl, new FixedTokens(Token), o => { o.StorageUri = "gs://reelgate-test/out/"; o.StorageBaseUrl = storage.BaseUrl; });
        var work = VeoTestData.NewWorkDir();
        var job = new ProviderJob("task_vertex", VeoTestData.Request("reference", n: 2), await VeoTestData.WriteImagesAsync(work, png, jpeg), work);

        var operation = await provider.SubmitAsync(job, Model, None);
        var first = await provider.PollAsync(operation, None);
        var second = await provider.PollAsync(operation, None);
        var done = Assert.IsType<PollResult.Succeeded>(await provider.PollAsync(operation, None));
        var outputs = await provider.DownloadAsync(job, done, None);

        api.Verify();
        storage.Verify();
        Assert.Equal(Operation, operation);
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(3)), first);
        Assert.Equal(first, second);
        Assert.Equal(2, outputs.Count);
        foreach (var output in outputs)
        {
            var probe = await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(output.VideoPath));
            Assert.Equal(("h264", 64), (probe.Stream("video")!["codec_name"]!.GetValue<string>(), probe.Stream("video")!["height"]!.GetValue<int>()));
            Assert.Equal("mjpeg", (await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(output.ThumbnailPath))).Stream("video")!["codec_name"]!.GetValue<string>());
        }
        Assert.DoesNotContain(log.Lines, l => l.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FirstFrame_InlineResult_IsFetchedAgainAndDecoded()
    {
        await using var api = Start();
        var png = await VeoTestData.PngAsync();
        var video = await VeoTestData.VideoAsync();
        const string path = "/v1/projects/test-project/locations/us-central1/publishers/google/models/veo-2.0-generate-001";
        const string operation = "projects/test-project/locations/us-central1/publishers/google/models/veo-2.0-generate-001/operations/7d1e";
        api.Vars["FIRST_IMAGE"] = Convert.ToBase64String(png);
        api.Vars["OPERATION"] = operation;
        api.Vars["VIDEO_BASE64"] = Convert.ToBase64String(video);
        api.Expect("POST", $"{path}:predictLongRunning", Reply.Json("vertex/operation-created.json"), Bearer, "vertex/request-first-frame-no-audio.json")
            .Expect("POST", $"{path}:fetchPredictOperation", Reply.Json("vertex/operation-done-inline.json"), Bearer, "vertex/fetch-request.json")
            .Expect("POST", $"{path}:fetchPredictOperation", Reply.Json("vertex/operation-done-inline.json"), Bearer, "vertex/fetch-request.json");
        var (provider, _) = Create(api.BaseUrl, new FixedTokens(Token));
        var work = VeoTestData.NewWorkDir();
        var job = FirstFrameJob(await VeoTestData.WriteImagesAsync(work, png), work);

        var submitted = await provider.SubmitAsync(job, new UpstreamModel("veo-2.0-generate-001", SupportsAudio: false), None);
        var done = Assert.IsType<PollResult.Succeeded>(await provider.PollAsync(submitted, None));
        var output = Assert.Single(await provider.DownloadAsync(job, done, None));

        api.Verify();
        Assert.Equal(operation, submitted);
        Assert.True(done.Results[0].Length < 300, "a poll result must not carry the video itself");
        Assert.Equal(video, await File.ReadAllBytesAsync(output.VideoPath));
        Assert.True(new FileInfo(output.ThumbnailPath).Length > 0);
    }

    [Fact]
    public async Task Poll_Filtered_IsContentFilteredWithTheReasons()
    {
        await using var api = Start();
        api.Vars["OPERATION"] = Operation;
        api.Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json("vertex/operation-filtered.json"), Bearer, "vertex/fetch-request.json");
        var (provider, _) = Create(api.BaseUrl, new FixedTokens(Token));

        var result = await provider.PollAsync(Operation, None);

        api.Verify();
        Assert.Equal(new PollResult.Failed("content_filtered", "Two videos were held back by the safety filters (support code 58061214)."), result);
    }

    [Theory]
    [InlineData(400, "invalid_request")]
    [InlineData(401, "provider_auth_failed")]
    [InlineData(403, "provider_auth_failed")]
    [InlineData(429, "provider_rate_limited")]
    [InlineData(500, "provider_unavailable")]
    public async Task Submit_UpstreamError_IsOurCodeAndNotAccepted(int status, string code)
    {
        await using var api = Start();
        api.Expect("POST", $"{ModelPath}:predictLongRunning", Reply.Json($"errors/{status}.json", status), Bearer);
        var (provider, _) = Create(api.BaseUrl, new FixedTokens(Token));
        var work = VeoTestData.NewWorkDir();
        var job = FirstFrameJob(await VeoTestData.WriteImagesAsync(work, await VeoTestData.PngAsync()), work);

        var e = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(job, Model, None));

        api.Verify();
        Assert.Equal((code, false), (e.Code, e.Accepted));
        Assert.StartsWith($"Vertex AI answered HTTP {status}", e.Message);
    }

    [Fact]
    public async Task Submit_Unreachable_IsProviderUnavailableNotAccepted()
    {
        using var closed = Refusing();
        var (provider, _) = Create(closed.BaseUrl, new FixedTokens(Token));

        var e = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(new ProviderJob("t", VeoTestData.Request(), [], VeoTestData.NewWorkDir()), Model, None));

        Assert.Equal(("provider_unavailable", false), (e.Code, e.Accepted));
    }

    [Theory]
    [InlineData(429, "11", 11)]
    [InlineData(503, null, 3)]
    [InlineData(500, null, 3)]
    public async Task Poll_ThrottledOrUnavailable_IsPendingWithRetryAfter(int status, string? retryAfter, int seconds)
    {
        await using var api = Start();
        api.Vars["OPERATION"] = Operation;
        var headers = retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter };
        api.Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json($"errors/{status}.json", status) with { Headers = headers }, Bearer, "vertex/fetch-request.json");
        var (provider, _) = Create(api.BaseUrl, new FixedTokens(Token));

        var result = await provider.PollAsync(Operation, None);

        api.Verify();
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(seconds)), result);
    }

    [Fact]
    public async Task Poll_OperationNotFound_IsLost()
    {
        await using var api = Start();
        api.Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json("errors/404.json", 404), Bearer);
        var (provider, _) = Create(api.BaseUrl, new FixedTokens(Token));

        Assert.Equal("upstream_operation_lost", Assert.IsType<PollResult.Failed>(await provider.PollAsync(Operation, None)).Code);
        api.Verify();
    }

    [Fact]
    public async Task Poll_SlowAnswer_IsPendingThenDone()
    {
        await using var api = Start();
        api.Vars["OPERATION"] = Operation;
        api.Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json("vertex/operation-pending.json") with { DelayMs = 2000 }, Bearer)
            .Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json("vertex/operation-done-gcs.json"), Bearer);
        var (provider, _) = Create(api.BaseUrl, new FixedTokens(Token), o => o.TimeoutSeconds = 0.5);

        var slow = await provider.PollAsync(Operation, None);
        var done = await provider.PollAsync(Operation, None);

        api.Verify();
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(3)), slow);
        Assert.IsType<PollResult.Succeeded>(done);
    }

    [Fact]
    public async Task TokenRefused_OnSubmitNotAccepted_OnPollFailed()
    {
        await using var api = Start();
        var tokens = new FixedTokens(Token) { Failure = new ProviderException("provider_auth_failed", "refused", accepted: false) };
        var (provider, _) = Create(api.BaseUrl, tokens);

        var submit = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(new ProviderJob("t", VeoTestData.Request(), [], VeoTestData.NewWorkDir()), Model, None));
        var poll = await provider.PollAsync(Operation, None);

        Assert.Equal(("provider_auth_failed", false), (submit.Code, submit.Accepted));
        Assert.Equal(new PollResult.Failed("provider_auth_failed", "refused"), poll);
        Assert.Empty(api.Received);
    }

    [Fact]
    public async Task TokenEndpointUnreachable_OnSubmitUnavailable_OnPollPending()
    {
        await using var api = Start();
        var tokens = new FixedTokens(Token) { Failure = new HttpRequestException("connection refused") };
        var (provider, _) = Create(api.BaseUrl, tokens);

        var submit = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(new ProviderJob("t", VeoTestData.Request(), [], VeoTestData.NewWorkDir()), Model, None));
        var poll = await provider.PollAsync(Operation, None);

        Assert.Equal(("provider_unavailable", false), (submit.Code, submit.Accepted));
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(3)), poll);
        Assert.Empty(api.Received);
    }

    [Fact]
    public async Task Errors_NeverCarryTheToken_IntoMessagesOrLogs()
    {
        await using var api = Start();
        api.Vars["SECRET"] = Token;
        api.Expect("POST", $"{ModelPath}:predictLongRunning", Reply.Json("errors/401-echoes-secret.json", 401), Bearer)
            .Expect("POST", $"{ModelPath}:fetchPredictOperation", Reply.Json("errors/400-echoes-secret.json", 400), Bearer);
        var (provider, log) = Create(api.BaseUrl, new FixedTokens(Token));

        var submit = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(new ProviderJob("t", VeoTestData.Request(), [], VeoTestData.NewWorkDir()), Model, None));
        var poll = Assert.IsType<PollResult.Failed>(await provider.PollAsync(Operation, None));

        api.Verify();
        Assert.DoesNotContain(Token, submit.ToString());
        Assert.DoesNotContain(Token, poll.Message);
        Assert.Contains("[redacted]", submit.Message);
        Assert.DoesNotContain(log.Lines, l => l.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_GcsObject_NeverSendsTheTokenAfterARedirectElsewhere()
    {
        await using var storage = Start();
        await using var elsewhere = Start();
        var video = await VeoTestData.VideoAsync();
        storage.Expect("GET", "/storage/v1/b/b/o/v.mp4?alt=media",
            new Reply(307, Headers: new Dictionary<string, string> { ["Location"] = $"{elsewhere.BaseUrl}/signed/v.mp4" }), Bearer);
        elsewhere.Expect("GET", "/signed/v.mp4", new Reply(200, Bytes: video, ContentType: "video/mp4"), absentHeaders: ["Authorization"]);
        var (provider, _) = Create(storage.BaseUrl, new FixedTokens(Token));

        var output = Assert.Single(await provider.DownloadAsync(new ProviderJob("t", VeoTestData.Request(), [], VeoTestData.NewWorkDir()), new PollResult.Succeeded(["gs://b/v.mp4"]), None));

        storage.Verify();
        elsewhere.Verify();
        Assert.Equal(video, await File.ReadAllBytesAsync(output.VideoPath));
    }

    [Fact]
    public async Task MissingProject_IsUnavailableNotAccepted()
    {
        await using var api = Start();
        var (provider, _) = Create(api.BaseUrl, new FixedTokens(Token), o => o.Project = null);

        var e = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(new ProviderJob("t", VeoTestData.Request(), [], VeoTestData.NewWorkDir()), Model, None));

        Assert.Equal(("provider_unavailable", false), (e.Code, e.Accepted));
        Assert.Empty(api.Received);
    }
}
