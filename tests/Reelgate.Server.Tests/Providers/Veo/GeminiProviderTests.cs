using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Gemini;
using Reelgate.Server.Tests.Support;
using static Reelgate.Server.Tests.Providers.Veo.VeoFake;

namespace Reelgate.Server.Tests.Providers.Veo;

/// The Gemini adapter against an in-process fake of the Gemini API's Veo endpoints.
public sealed class GeminiProviderTests
{
    internal const string Key = "AIzaSy-test-key-0123456789abcdefghij";
    const string Operation = "models/veo-3.1-fast-generate-preview/operations/k3xq7v2m9p1a";
    const string SubmitPath = "/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning";
    const string PollPath = "/v1beta/" + Operation;
    static readonly UpstreamModel Model = new("veo-3.1-fast-generate-preview", SupportsAudio: true);
    static readonly Dictionary<string, string> KeyHeader = new() { ["x-goog-api-key"] = Key };
    static readonly CancellationToken None = CancellationToken.None;

    internal static (GeminiProvider Provider, ListLogger<GeminiProvider> Log) Create(string baseUrl, Action<GeminiOptions>? tweak = null)
    {
        var options = new GeminiOptions { BaseUrl = baseUrl, ApiKey = Key, TimeoutSeconds = 5, PollSeconds = 3 };
        tweak?.Invoke(options);
        var log = new ListLogger<GeminiProvider>();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        return (new GeminiProvider(http, Options.Create(options), new FfmpegRunner(), TimeProvider.System, log), log);
    }

    static ProviderJob TextJob() => new("task_gemini", VeoTestData.Request(), [], VeoTestData.NewWorkDir());

    [Fact]
    public async Task FirstLast_SubmitThenTwoPendingPollsThenDone_DownloadsPlayableVideosWithPosters()
    {
        await using var api = Start();
        await using var storage = Start();
        var png = await VeoTestData.PngAsync();
        var jpeg = await VeoTestData.JpegAsync();
        var video = await VeoTestData.VideoAsync();
        api.Vars["FIRST_IMAGE"] = Convert.ToBase64String(png);
        api.Vars["LAST_IMAGE"] = Convert.ToBase64String(jpeg);
        api.Expect("POST", SubmitPath, Reply.Json("gemini/operation-created.json"), KeyHeader, "gemini/request-first-last.json", ["Authorization"])
            .Expect("GET", PollPath, Reply.Json("gemini/operation-pending.json"), KeyHeader)
            .Expect("GET", PollPath, Reply.Json("gemini/operation-pending.json"), KeyHeader)
            .Expect("GET", PollPath, Reply.Json("gemini/operation-done.json"), KeyHeader)
            // The documented download answers with a redirect to storage; the key must stay behind.
            .Expect("GET", "/v1beta/files/3fy0yq8h1b2c:download?alt=media",
                new Reply(302, Headers: new Dictionary<string, string> { ["Location"] = $"{storage.BaseUrl}/media/3fy0yq8h1b2c.mp4?sig=abc" }), KeyHeader)
            .Expect("GET", "/v1beta/files/8rk2mz0d4e5f:download?alt=media", new Reply(200, Bytes: video, ContentType: "video/mp4"), KeyHeader);
        storage.Expect("GET", "/media/3fy0yq8h1b2c.mp4?sig=abc", new Reply(200, Bytes: video, ContentType: "video/mp4"), absentHeaders: ["x-goog-api-key", "Authorization"]);
        var (provider, log) = Create(api.BaseUrl);
        var work = VeoTestData.NewWorkDir();
        var job = new ProviderJob("task_gemini", VeoTestData.Request("first_last", n: 2), await VeoTestData.WriteImagesAsync(work, png, jpeg), work);

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
        Assert.Equal([0, 1], outputs.Select(o => o.Index));
        foreach (var output in outputs)
        {
            Assert.Equal(Path.Combine(work, $"{output.Index}.mp4"), output.VideoPath);
            Assert.Equal(424242u, output.Seed);
            var probe = await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(output.VideoPath));
            Assert.Equal("h264", probe.Stream("video")!["codec_name"]!.GetValue<string>());
            Assert.Equal(64, probe.Stream("video")!["width"]!.GetValue<int>());
            var poster = await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(output.ThumbnailPath));
            Assert.Equal("mjpeg", poster.Stream("video")!["codec_name"]!.GetValue<string>());
            Assert.Equal(Path.Combine(work, $"{output.Index}.jpg"), output.ThumbnailPath);
        }
        Assert.DoesNotContain(log.Lines, l => l.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_AllVideosFiltered_FailsAsContentFilteredWithTheReasons()
    {
        await using var api = Start();
        api.Expect("GET", PollPath, Reply.Json("gemini/operation-filtered.json"), KeyHeader);
        var (provider, _) = Create(api.BaseUrl);

        var result = await provider.PollAsync(Operation, None);

        api.Verify();
        Assert.Equal(new PollResult.Failed("content_filtered", "The video was held back because it may break the usage guidelines. You were not charged for it."), result);
    }

    [Fact]
    public async Task Poll_OperationFailedUpstream_FailsWithAMappedCode()
    {
        await using var api = Start();
        api.Expect("GET", PollPath, Reply.Json("gemini/operation-error.json"), KeyHeader);
        var (provider, _) = Create(api.BaseUrl);

        var result = Assert.IsType<PollResult.Failed>(await provider.PollAsync(Operation, None));

        api.Verify();
        Assert.Equal("invalid_request", result.Code);
    }

    [Theory]
    [InlineData(400, "invalid_request")]
    [InlineData(401, "provider_auth_failed")]
    [InlineData(403, "provider_auth_failed")]
    [InlineData(429, "provider_rate_limited")]
    [InlineData(500, "provider_unavailable")]
    [InlineData(503, "provider_unavailable")]
    public async Task Submit_UpstreamError_IsOurCodeAndNotAccepted(int status, string code)
    {
        await using var api = Start();
        api.Expect("POST", SubmitPath, Reply.Json($"errors/{status}.json", status), KeyHeader, "gemini/request-text.json");
        var (provider, _) = Create(api.BaseUrl);

        var e = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(TextJob(), Model, None));

        api.Verify();
        Assert.Equal(code, e.Code);
        Assert.False(e.Accepted);
        Assert.Contains($"HTTP {status}", e.Message);
    }

    [Fact]
    public async Task Submit_Unreachable_IsProviderUnavailableNotAccepted()
    {
        using var closed = Refusing();
        var (provider, _) = Create(closed.BaseUrl);

        var e = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(TextJob(), Model, None));

        Assert.Equal(("provider_unavailable", false), (e.Code, e.Accepted));
    }

    [Fact]
    public async Task Submit_NoAnswerInTime_IsProviderUnavailableNotAccepted()
    {
        await using var api = Start();
        api.Expect("POST", SubmitPath, Reply.Json("gemini/operation-created.json") with { DelayMs = 3000 });
        var (provider, _) = Create(api.BaseUrl, o => o.TimeoutSeconds = 0.5);

        var e = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(TextJob(), Model, None));

        Assert.Equal(("provider_unavailable", false), (e.Code, e.Accepted));
        Assert.Contains("no answer within 0.5 s", e.Message);
    }

    [Fact]
    public async Task Poll_Throttled_IsPendingForTheRetryAfterItNamed()
    {
        await using var api = Start();
        api.Expect("GET", PollPath, Reply.Json("errors/429.json", 429) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "7" } }, KeyHeader);
        var (provider, _) = Create(api.BaseUrl);

        var result = await provider.PollAsync(Operation, None);

        api.Verify();
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(7)), result);
    }

    [Fact]
    public async Task Poll_Unavailable_IsPendingForThePollInterval()
    {
        await using var api = Start();
        api.Expect("GET", PollPath, Reply.Json("errors/503.json", 503), KeyHeader);
        var (provider, _) = Create(api.BaseUrl, o => o.PollSeconds = 12);

        var result = await provider.PollAsync(Operation, None);

        api.Verify();
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(12)), result);
    }

    [Fact]
    public async Task Poll_Unreachable_IsPending()
    {
        using var closed = Refusing();
        var (provider, _) = Create(closed.BaseUrl);

        Assert.IsType<PollResult.Pending>(await provider.PollAsync(Operation, None));
    }

    [Fact]
    public async Task Poll_OperationNotFound_IsLost()
    {
        await using var api = Start();
        api.Expect("GET", PollPath, Reply.Json("errors/404.json", 404), KeyHeader);
        var (provider, _) = Create(api.BaseUrl);

        var result = Assert.IsType<PollResult.Failed>(await provider.PollAsync(Operation, None));

        api.Verify();
        Assert.Equal("upstream_operation_lost", result.Code);
    }

    [Fact]
    public async Task Poll_StoredNameThatIsNoOperation_IsLostWithoutACall()
    {
        await using var api = Start();
        var (provider, _) = Create(api.BaseUrl);

        var result = Assert.IsType<PollResult.Failed>(await provider.PollAsync("models/x/operations/../../files/y", None));

        api.Verify();
        Assert.Equal("upstream_operation_lost", result.Code);
        Assert.Empty(api.Received);
    }

    [Fact]
    public async Task SlowOperation_SlowAnswersAndManyPendingPolls_StayPendingUntilDone()
    {
        await using var api = Start();
        api.Expect("GET", PollPath, Reply.Json("gemini/operation-pending.json") with { DelayMs = 2000 }, KeyHeader);
        for (var i = 0; i < 12; i++) api.Expect("GET", PollPath, Reply.Json("gemini/operation-pending.json"), KeyHeader);
        api.Expect("GET", PollPath, Reply.Json("gemini/operation-done.json"), KeyHeader);
        var (provider, _) = Create(api.BaseUrl, o => o.TimeoutSeconds = 0.5);

        var slowAnswer = await provider.PollAsync(Operation, None);
        var results = new List<PollResult>();
        for (var i = 0; i < 13; i++) results.Add(await provider.PollAsync(Operation, None));

        api.Verify();
        Assert.Equal(new PollResult.Pending(RetryAfter: TimeSpan.FromSeconds(3)), slowAnswer);
        Assert.All(results.Take(12), r => Assert.IsType<PollResult.Pending>(r));
        Assert.Equal(2, Assert.IsType<PollResult.Succeeded>(results[^1]).Results.Count);
    }

    [Fact]
    public async Task Errors_NeverCarryTheKey_IntoMessagesOrLogs()
    {
        await using var api = Start();
        api.Vars["SECRET"] = Key;
        api.Expect("POST", SubmitPath, Reply.Json("errors/400-echoes-secret.json", 400), KeyHeader)
            .Expect("GET", PollPath, Reply.Json("errors/401-echoes-secret.json", 401), KeyHeader);
        var (provider, log) = Create(api.BaseUrl);

        var submit = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(TextJob(), Model, None));
        var poll = Assert.IsType<PollResult.Failed>(await provider.PollAsync(Operation, None));

        api.Verify();
        Assert.Equal("invalid_request", submit.Code);
        Assert.Equal("provider_auth_failed", poll.Code);
        Assert.DoesNotContain(Key, submit.Message);
        Assert.DoesNotContain(Key, submit.ToString());
        Assert.DoesNotContain(Key, poll.Message);
        Assert.Contains("[redacted]", poll.Message);
        Assert.DoesNotContain(log.Lines, l => l.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiKeyFile_IsReadAndSent()
    {
        await using var api = Start();
        var file = Path.Combine(VeoTestData.NewWorkDir(), "gemini.key");
        await File.WriteAllTextAsync(file, "AIzaSy-from-a-file\n");
        api.Expect("POST", SubmitPath, Reply.Json("gemini/operation-created.json"), new Dictionary<string, string> { ["x-goog-api-key"] = "AIzaSy-from-a-file" });
        var (provider, _) = Create(api.BaseUrl, o => { o.ApiKey = null; o.ApiKeyFile = file; });

        Assert.Equal(Operation, await provider.SubmitAsync(TextJob(), Model, None));
        api.Verify();
    }

    [Fact]
    public async Task NoKeyConfigured_IsAnAuthFailureNotAccepted()
    {
        await using var api = Start();
        var (provider, _) = Create(api.BaseUrl, o => o.ApiKey = null);

        var e = await Assert.ThrowsAsync<ProviderException>(() => provider.SubmitAsync(TextJob(), Model, None));

        Assert.Equal(("provider_auth_failed", false), (e.Code, e.Accepted));
        Assert.Empty(api.Received);
    }

    [Fact]
    public async Task Download_OutageThenSuccess_IsRetried()
    {
        await using var api = Start();
        var video = await VeoTestData.VideoAsync();
        api.Expect("GET", "/v1beta/files/a:download?alt=media", Reply.Json("errors/503.json", 503) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } }, KeyHeader)
            .Expect("GET", "/v1beta/files/a:download?alt=media", new Reply(200, Bytes: video, ContentType: "video/mp4"), KeyHeader);
        var (provider, _) = Create(api.BaseUrl);
        var job = TextJob();

        var outputs = await provider.DownloadAsync(job, new PollResult.Succeeded([$"{api.BaseUrl}/v1beta/files/a:download?alt=media"]), None);

        api.Verify();
        Assert.Equal(video, await File.ReadAllBytesAsync(Assert.Single(outputs).VideoPath));
    }

    [Fact]
    public async Task Download_NotFound_FailsWithoutRetrying()
    {
        await using var api = Start();
        api.Expect("GET", "/v1beta/files/gone:download?alt=media", Reply.Json("errors/404.json", 404), KeyHeader);
        var (provider, _) = Create(api.BaseUrl);

        var e = await Assert.ThrowsAsync<ProviderException>(() =>
            provider.DownloadAsync(TextJob(), new PollResult.Succeeded([$"{api.BaseUrl}/v1beta/files/gone:download?alt=media"]), None));

        api.Verify();
        Assert.Equal("upstream_download_failed", e.Code);
    }
}
