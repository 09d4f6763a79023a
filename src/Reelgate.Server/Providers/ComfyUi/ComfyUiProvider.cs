using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers.Upstream;
using static Reelgate.Server.Providers.Upstream.FormParts;
using static Reelgate.Server.Providers.Upstream.UpstreamHttp;
using static Reelgate.Server.Providers.Upstream.UpstreamJson;
using static Reelgate.Server.Providers.Upstream.UpstreamText;

namespace Reelgate.Server.Providers.ComfyUi;

/// A self-hosted ComfyUI: upload the images, queue the model's workflow template filled with the
/// request, look at `/history` (and `/queue` while it is not there), download with `/view`. The
/// operation is ComfyUI's prompt_id.
///
/// Progress: ComfyUI reports it only over its websocket (`/ws`), which this adapter does not
/// open, so Pending carries no progress; queued and running look the same.
internal sealed class ComfyUiProvider : IRemoteProvider
{
    readonly HttpClient http;
    readonly ComfyUiOptions options;
    readonly FfmpegRunner ffmpeg;
    readonly ILogger<ComfyUiProvider> logger;
    readonly TimeProvider time;
    readonly string? apiKey;

    /// ComfyUI routes websocket messages by client id; one per process is what its own UI does.
    readonly string clientId = Guid.NewGuid().ToString();

    public ComfyUiProvider(HttpClient http, IOptions<ComfyUiOptions> options, FfmpegRunner ffmpeg,
        ILogger<ComfyUiProvider> logger, TimeProvider? time = null)
    {
        this.http = http;
        this.options = options.Value;
        this.ffmpeg = ffmpeg;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
        apiKey = string.IsNullOrWhiteSpace(this.options.ApiKey) ? null : this.options.ApiKey.Trim();
        // Each call has its own limit; the client's 100 s default would cut long downloads.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public string Name => "comfyui";

    TimeSpan CallTimeout => TimeSpan.FromSeconds(options.TimeoutSeconds);

    TimeSpan PollDelay => TimeSpan.FromSeconds(options.PollSeconds);

    public async Task<string> SubmitAsync(ProviderJob job, UpstreamModel model, CancellationToken ct)
    {
        var r = job.Request;
        if (r.N > 1)
            throw new ProviderException("invalid_request", $"a ComfyUI workflow makes one video per run; n must be 1, not {r.N}", accepted: false);
        var template = LoadTemplate(r.Model, model.Id);
        var used = WorkflowTemplate.Placeholders(template);
        if (used.Except(WorkflowTemplate.Names).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
            throw new ProviderException("provider_misconfigured",
                $"the {r.Model} workflow uses unknown placeholders: {string.Join(", ", unknown.Select(n => $"{{{{{n}}}}}"))}", accepted: false);
        var slots = new[] { WorkflowTemplate.Image, WorkflowTemplate.LastImage }.Where(used.Contains).ToList();
        if (job.ImagePaths.Count > slots.Count)
            throw new ProviderException("invalid_request",
                $"the {r.Model} workflow takes {slots.Count} image(s); the request has {job.ImagePaths.Count}", accepted: false);
        if (job.ImagePaths.Count < slots.Count)
            throw new ProviderException("invalid_request",
                $"the {r.Model} workflow needs {slots.Count} image(s); the request has {job.ImagePaths.Count}", accepted: false);

        var names = new List<string>();
        for (var i = 0; i < slots.Count; i++)
            names.Add(await UploadAsync(job, i, ct));

        JsonNode workflow;
        try
        {
            workflow = WorkflowTemplate.Fill(template, WorkflowTemplate.Values(r, names.ElementAtOrDefault(0), names.ElementAtOrDefault(1)));
        }
        catch (WorkflowTemplateException e)
        {
            throw new ProviderException("provider_misconfigured", e.Message, e, accepted: false);
        }

        using var request = Request(HttpMethod.Post, "/prompt");
        request.Content = JsonContent.Create(new JsonObject { ["prompt"] = workflow, ["client_id"] = clientId });
        var answer = await SubmitStepAsync(request, job.TaskId, "prompt", ct);
        if (answer.Status == 400)
            throw new ProviderException("invalid_request", Clean(ComfyHistory.ValidationMessage(answer.Json()), apiKey), accepted: false);
        if (!answer.IsSuccess)
            throw Refused(answer, job.TaskId, "prompt");
        // A 2xx we cannot read may still have queued the prompt: not retried elsewhere.
        var id = ComfyHistory.ReadPromptId(answer.Json())
            ?? throw new ProviderException("upstream_error", "ComfyUI accepted the prompt but its answer has no prompt_id");
        logger.LogInformation("Task {TaskId} queued in ComfyUI as prompt {PromptId}", job.TaskId, id);
        return id;
    }

    public async Task<PollResult> PollAsync(string operation, CancellationToken ct)
    {
        var (history, wait) = await LookAsync($"/history/{Uri.EscapeDataString(operation)}", ct);
        if (wait is not null) return wait;
        if (ComfyHistory.Read(history, operation, apiKey) is { } known) return WithPollDelay(known);

        var (queue, queueWait) = await LookAsync("/queue", ct);
        if (queueWait is not null) return queueWait;
        if (ComfyHistory.IsQueued(queue, operation)) return new PollResult.Pending(RetryAfter: PollDelay);

        // It may have finished between the two looks.
        var (again, againWait) = await LookAsync($"/history/{Uri.EscapeDataString(operation)}", ct);
        if (againWait is not null) return againWait;
        return WithPollDelay(ComfyHistory.Read(again, operation, apiKey))
            ?? new PollResult.Failed("upstream_operation_lost", "ComfyUI has this prompt neither in its queue nor in its history (restarted?)");
    }

    public async Task<IReadOnlyList<RenderedOutput>> DownloadAsync(ProviderJob job, PollResult.Succeeded done, CancellationToken ct)
    {
        Directory.CreateDirectory(job.WorkDir);
        var outputs = new List<RenderedOutput>();
        // One run, one video: a workflow that saves more than one keeps the first (saved, not preview).
        foreach (var (encoded, index) in done.Results.Take(Math.Max(1, job.Request.N)).Select((e, i) => (e, i)))
        {
            var file = ComfyFile.Parse(encoded);
            var download = Path.Combine(job.WorkDir, $"{index}.comfy.{(file.Extension.Length > 0 ? file.Extension : "bin")}");
            var video = Path.Combine(job.WorkDir, $"{index}.mp4");
            var poster = Path.Combine(job.WorkDir, $"{index}.jpg");
            try
            {
                await FetchAsync(file, download, ct);
                await ToPlayableMp4Async(file, download, video, ct);
                await Poster.FirstFrameAsync(ffmpeg, video, poster, ct);
            }
            finally { File.Delete(download); }
            outputs.Add(new RenderedOutput(index, job.Request.Seed, video, poster));
        }
        return outputs;
    }

    /// The configured interval rides on every Pending, so the worker polls at the pace set here.
    [return: NotNullIfNotNull(nameof(result))]
    PollResult? WithPollDelay(PollResult? result) =>
        result is PollResult.Pending { RetryAfter: null } pending ? pending with { RetryAfter = PollDelay } : result;

    TimeSpan FfmpegTimeout => TimeSpan.FromSeconds(options.FfmpegTimeoutSeconds);

    JsonNode LoadTemplate(string publicModel, string upstreamModel)
    {
        var path = options.TemplatePath(publicModel, upstreamModel)
            ?? throw new ProviderException("invalid_request", $"no ComfyUI workflow is configured for {publicModel}", accepted: false);
        try
        {
            return WorkflowTemplate.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WorkflowTemplateException)
        {
            logger.LogError(e, "ComfyUI workflow template for {Model} at {Path} is unusable", publicModel, path);
            // The path stays in the log: a client has no business knowing where the server keeps files.
            var why = e is WorkflowTemplateException ? e.Message : "the template file cannot be read";
            throw new ProviderException("provider_misconfigured", $"the ComfyUI workflow for {publicModel} is unusable: {why}", e, accepted: false);
        }
    }

    /// `POST /upload/image` (fields `image` and `overwrite`) → the name ComfyUI stored it under.
    async Task<string> UploadAsync(ProviderJob job, int index, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(job.ImagePaths[index], ct);
        using var form = new MultipartFormDataContent();
        // Task-unique names: concurrent jobs must not overwrite each other's inputs.
        AddFile(form, "image", $"reelgate-{job.TaskId}-{index}.{ImageType(bytes).Extension}", bytes);
        AddText(form, "overwrite", "true");
        using var request = Request(HttpMethod.Post, "/upload/image");
        request.Content = form;
        var answer = await SubmitStepAsync(request, job.TaskId, "image upload", ct);
        if (!answer.IsSuccess)
            throw Refused(answer, job.TaskId, "image upload");
        var json = answer.Json();
        var name = Str(json.Field("name"))
            ?? throw new ProviderException("provider_unavailable", "ComfyUI's upload answer has no name", accepted: false);
        // LoadImage takes "subfolder/name" for files outside the input folder's root.
        return Str(json.Field("subfolder")) is { Length: > 0 } sub ? $"{sub}/{name}" : name;
    }

    async Task<UpstreamAnswer> SubmitStepAsync(HttpRequestMessage request, string taskId, string step, CancellationToken ct)
    {
        try
        {
            return await SendAsync(http, request, CallTimeout, time, ct);
        }
        catch (UpstreamUnreachableException e)
        {
            logger.LogWarning(e, "ComfyUI {Step} for task {TaskId} did not reach the server", step, taskId);
            throw new ProviderException("provider_unavailable", $"ComfyUI {step}: {e.Message}", e, accepted: false);
        }
    }

    ProviderException Refused(UpstreamAnswer answer, string taskId, string step)
    {
        var detail = Detail(answer, apiKey);
        var error = UpstreamHttp.SubmitError(answer.Status, $"ComfyUI refused the {step} ({answer.Status})" + (detail.Length > 0 ? $": {detail}" : ""));
        logger.LogWarning("ComfyUI {Step} for task {TaskId} refused: {Code} {Message}", step, taskId, error.Code, error.Message);
        return error;
    }

    /// A GET while polling: the JSON, or the Pending to return when the server cannot answer now.
    async Task<(JsonNode? Json, PollResult? Wait)> LookAsync(string path, CancellationToken ct)
    {
        UpstreamAnswer answer;
        try
        {
            using var request = Request(HttpMethod.Get, path);
            answer = await SendAsync(http, request, CallTimeout, time, ct);
        }
        catch (UpstreamUnreachableException e)
        {
            logger.LogInformation("ComfyUI poll {Path} did not reach the server: {Reason}", path, e.Message);
            return (null, new PollResult.Pending(RetryAfter: PollDelay));
        }
        if (IsTransient(answer.Status))
            return (null, new PollResult.Pending(RetryAfter: answer.RetryAfter ?? PollDelay));
        if (answer.Status is 401 or 403)
            return (null, new PollResult.Failed("provider_auth_failed", $"ComfyUI refused our key while polling ({answer.Status})"));
        if (!answer.IsSuccess)
            return (null, new PollResult.Failed("upstream_error", $"ComfyUI answered {answer.Status} to {path}"));
        // A proxy's HTML page in a 200: try again later rather than call the prompt lost.
        return answer.Json() is { } json ? (json, null) : (null, new PollResult.Pending(RetryAfter: PollDelay));
    }

    async Task FetchAsync(ComfyFile file, string path, CancellationToken ct)
    {
        int status;
        try
        {
            using var request = Request(HttpMethod.Get, "/view?" + file.Encode());
            status = await UpstreamHttp.DownloadAsync(http, request, path, TimeSpan.FromSeconds(options.DownloadTimeoutSeconds), time, ct);
        }
        catch (UpstreamUnreachableException e)
        {
            throw new ProviderException("upstream_error", $"downloading {file.Filename} from ComfyUI failed: {e.Message}", e);
        }
        if (status is < 200 or >= 300 || new FileInfo(path).Length == 0)
            throw new ProviderException("upstream_error", $"downloading {file.Filename} from ComfyUI failed ({status})");
    }

    async Task ToPlayableMp4Async(ComfyFile file, string download, string video, CancellationToken ct)
    {
        try
        {
            var probe = await ffmpeg.RunFfprobeAsync(ComfyMedia.ProbeArguments(download), FfmpegTimeout, ct);
            var playable = ComfyMedia.IsPlayableMp4(probe.StandardOutput);
            await ffmpeg.RunFfmpegAsync(playable ? ComfyMedia.RemuxArguments(download, video) : ComfyMedia.TranscodeArguments(download, video), FfmpegTimeout, ct);
        }
        catch (FfmpegException e)
        {
            // FFmpeg decodes animated WebP only from 7.1 on; SaveVideo or SaveWEBM avoid the question.
            var hint = file.Extension == "webp" ? " (animated WebP needs FFmpeg 7.1 or newer; save with SaveVideo or SaveWEBM instead)" : "";
            logger.LogWarning(e, "Converting ComfyUI output {File} failed", file.Filename);
            throw new ProviderException("upstream_error", $"ComfyUI's output {file.Filename} could not be made an MP4{hint}", e);
        }
    }

    HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, options.BaseUrl.TrimEnd('/') + path);
        Authorize(request, apiKey);
        return request;
    }
}
