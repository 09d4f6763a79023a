using Microsoft.Extensions.Options;
using Reelgate.Server.Files;
using Reelgate.Server.Media;
using Reelgate.Server.Providers.Upstream;
using static Reelgate.Server.Providers.Upstream.FormParts;
using static Reelgate.Server.Providers.Upstream.UpstreamHttp;

namespace Reelgate.Server.Providers.OpenAiCompatible;

/// Any server with the OpenAI `/v1/videos` API. The operation is the upstream's video id.
internal sealed class OpenAiCompatibleProvider : IRemoteProvider
{
    readonly HttpClient http;
    readonly OpenAiCompatibleOptions options;
    readonly FfmpegRunner ffmpeg;
    readonly ILogger<OpenAiCompatibleProvider> logger;
    readonly TimeProvider time;
    readonly string? apiKey;

    public OpenAiCompatibleProvider(HttpClient http, IOptions<OpenAiCompatibleOptions> options, FfmpegRunner ffmpeg,
        ILogger<OpenAiCompatibleProvider> logger, TimeProvider? time = null)
    {
        this.http = http;
        this.options = options.Value;
        this.ffmpeg = ffmpeg;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        apiKey = this.options.ResolveApiKey();
        // Each call has its own limit (API calls and downloads differ); the client's 100 s default would cut downloads.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public string Name => "openai-compatible";

    TimeSpan CallTimeout => TimeSpan.FromSeconds(options.TimeoutSeconds);

    TimeSpan PollDelay => TimeSpan.FromSeconds(options.PollSeconds);

    public async Task<string> SubmitAsync(ProviderJob job, UpstreamModel model, CancellationToken ct)
    {
        var r = job.Request;
        if (r.RemixedFrom is { Upstream: { } parent }) return await RemixAsync(job, parent, ct);
        if (OpenAiVideoMapping.Refusal(r) is { } refusal)
            throw new ProviderException("invalid_request", refusal, accepted: false);

        var upstreamModel = options.Models.GetValueOrDefault(r.Model) ?? model.Id;
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in OpenAiVideoMapping.SubmitFields(r, upstreamModel))
            AddText(form, name, value);
        if (job.ImagePaths.Count > 0)
        {
            var bytes = await File.ReadAllBytesAsync(job.ImagePaths[0], ct);
            AddFile(form, "input_reference", $"input_reference.{ImageType(bytes).Extension}", bytes);
        }

        using var request = Request(HttpMethod.Post, "/videos");
        request.Content = form;
        return await SendSubmitAsync(request, job.TaskId, ct);
    }

    /// OpenAI's remix of a video this upstream made (Tasks/Sequels routes only those here): the
    /// parent's upstream id in the path and the new prompt as JSON, as the `openai` SDK sends it.
    async Task<string> RemixAsync(ProviderJob job, string parentVideoId, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"/videos/{Uri.EscapeDataString(parentVideoId)}/remix");
        request.Content = System.Net.Http.Json.JsonContent.Create(new { prompt = job.Request.Prompt });
        return await SendSubmitAsync(request, job.TaskId, ct);
    }

    async Task<string> SendSubmitAsync(HttpRequestMessage request, string taskId, CancellationToken ct)
    {
        UpstreamAnswer answer;
        try
        {
            answer = await SendAsync(http, request, CallTimeout, time, ct);
        }
        catch (UpstreamUnreachableException e)
        {
            logger.LogWarning(e, "Video submit for task {TaskId} did not reach the upstream", taskId);
            throw new ProviderException("provider_unavailable", e.Message, e, accepted: false);
        }

        if (!answer.IsSuccess)
        {
            var error = OpenAiVideoMapping.SubmitError(answer, apiKey);
            logger.LogWarning("Video submit for task {TaskId} refused: {Code} {Message}", taskId, error.Code, error.Message);
            throw error;
        }
        // A 2xx we cannot read may still have started a job: not retried elsewhere, so not billed twice.
        var id = OpenAiVideoMapping.ReadVideoId(answer.Json())
            ?? throw new ProviderException("upstream_error", "the upstream accepted the video but its answer has no id");
        logger.LogInformation("Task {TaskId} submitted as upstream video {VideoId}", taskId, id);
        return id;
    }

    /// DELETE /v1/videos/{id}: OpenAI's way to drop a video, which stops a job still running.
    public async Task CancelAsync(string operation, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Delete, $"/videos/{Uri.EscapeDataString(operation)}");
        var answer = await SendAsync(http, request, CallTimeout, time, ct);
        logger.LogInformation("Cancelled upstream video {VideoId}: HTTP {Status}", operation, answer.Status);
    }

    public async Task<PollResult> PollAsync(string operation, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"/videos/{Uri.EscapeDataString(operation)}");
        UpstreamAnswer answer;
        try
        {
            answer = await SendAsync(http, request, CallTimeout, time, ct);
        }
        catch (UpstreamUnreachableException e)
        {
            logger.LogInformation("Poll of video {VideoId} did not reach the upstream: {Reason}", operation, e.Message);
            return new PollResult.Pending(RetryAfter: PollDelay);
        }

        if (answer.Status == 404)
            return new PollResult.Failed("upstream_operation_lost", "the upstream no longer knows this video");
        if (IsTransient(answer.Status))
            return new PollResult.Pending(RetryAfter: answer.RetryAfter ?? PollDelay);
        if (answer.Status is 401 or 403)
            return new PollResult.Failed("provider_auth_failed", $"the upstream refused our key while polling ({answer.Status})");
        if (!answer.IsSuccess || answer.Json() is not { } video)
        {
            logger.LogWarning("Poll of video {VideoId} answered {Status}", operation, answer.Status);
            return answer.IsSuccess
                ? new PollResult.Pending(RetryAfter: PollDelay)
                : new PollResult.Failed("upstream_error", $"the upstream answered {answer.Status} for the video");
        }
        // The configured interval rides on every Pending (unless the upstream named its own), so
        // the worker polls at the pace set here.
        var result = OpenAiVideoMapping.ReadVideo(video, apiKey);
        return result is PollResult.Pending p ? p with { RetryAfter = answer.RetryAfter ?? PollDelay } : result;
    }

    public async Task<IReadOnlyList<RenderedOutput>> DownloadAsync(ProviderJob job, PollResult.Succeeded done, CancellationToken ct)
    {
        var id = done.Results[0];
        Directory.CreateDirectory(job.WorkDir);
        var video = Path.Combine(job.WorkDir, "0.mp4");
        var poster = Path.Combine(job.WorkDir, "0.jpg");
        var content = $"/videos/{Uri.EscapeDataString(id)}/content";

        int status;
        try
        {
            using var request = Request(HttpMethod.Get, content);
            status = await UpstreamHttp.DownloadAsync(http, request, video, TimeSpan.FromSeconds(options.DownloadTimeoutSeconds), time, ct);
        }
        catch (UpstreamUnreachableException e)
        {
            throw new ProviderException("upstream_error", $"downloading the video failed: {e.Message}", e);
        }
        if (status is < 200 or >= 300 || new FileInfo(video).Length == 0)
            throw new ProviderException("upstream_error", $"downloading the video failed ({status})");

        if (!await TryThumbnailAsync(content, job.WorkDir, poster, ct))
            await Poster.FirstFrameAsync(ffmpeg, video, poster, ct);
        return [new RenderedOutput(0, job.Request.Seed, video, poster)];
    }

    /// The upstream's own thumbnail (OpenAI's is WebP), made a JPEG. False when there is none.
    async Task<bool> TryThumbnailAsync(string content, string workDir, string poster, CancellationToken ct)
    {
        var download = Path.Combine(workDir, "0.thumbnail");
        try
        {
            using var request = Request(HttpMethod.Get, content + "?variant=thumbnail");
            var status = await UpstreamHttp.DownloadAsync(http, request, download, CallTimeout, time, ct);
            if (status is < 200 or >= 300 || new FileInfo(download).Length == 0) return false;
            if (ImageSniffer.IsJpegFile(download))
            {
                File.Move(download, poster, overwrite: true); // already what we store: no FFmpeg run
                return true;
            }
            await Poster.FromImageAsync(ffmpeg, download, poster, ct);
            return true;
        }
        catch (Exception e) when (e is UpstreamUnreachableException or FfmpegException)
        {
            logger.LogInformation("No usable upstream thumbnail ({Reason}); the poster comes from the first frame", e.Message);
            return false;
        }
        finally { File.Delete(download); }
    }

    HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, options.ApiRoot() + path);
        Authorize(request, apiKey);
        return request;
    }
}
