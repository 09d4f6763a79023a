using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers.Veo;

namespace Reelgate.Server.Providers.Gemini;

/// Veo through the Gemini API with an API key (`x-goog-api-key`). The key goes only to
/// BaseUrl's host; result downloads follow Google's redirect to storage without it.
/// One instance per process (the cap on calls in flight lives in it), with an HttpClient whose
/// handler does not follow redirects.
internal sealed class GeminiProvider : IRemoteProvider
{
    const string KeyHeader = "x-goog-api-key";
    readonly GeminiOptions options;
    readonly VeoHttp http;
    readonly FfmpegRunner ffmpeg;
    readonly ILogger<GeminiProvider> log;
    readonly Uri baseUri;
    readonly TimeSpan pollEvery;
    string? key;

    public GeminiProvider(HttpClient client, IOptions<GeminiOptions> options, FfmpegRunner ffmpeg, TimeProvider clock, ILogger<GeminiProvider> log)
    {
        this.options = options.Value;
        this.ffmpeg = ffmpeg;
        this.log = log;
        baseUri = new Uri(this.options.BaseUrl.TrimEnd('/') + "/");
        pollEvery = TimeSpan.FromSeconds(this.options.PollSeconds);
        http = new VeoHttp(client, TimeSpan.FromSeconds(this.options.TimeoutSeconds), this.options.MaxConcurrency, pollEvery, clock);
    }

    public string Name => "gemini";

    public async Task<string> SubmitAsync(ProviderJob job, UpstreamModel model, CancellationToken ct)
    {
        var apiKey = Key();
        var body = job.Request.ExtendedFrom is null ? GeminiMapping.ToRequest(job.Request, await VeoImage.LoadAsync(job.ImagePaths, ct), model)
            : GeminiExtension.ToRequest(job.Request, await File.ReadAllBytesAsync(Tasks.Sequels.SequelRun.ParentPath(job.WorkDir), ct), model);
        var url = $"{Base}/v1beta/models/{Uri.EscapeDataString(model.Id)}:predictLongRunning";
        var answer = await http.SendJsonAsync(HttpMethod.Post, url, body, VeoHttp.Header(KeyHeader, apiKey), ct);
        if (answer.Failure is { } failure)
            throw new ProviderException("provider_unavailable", $"Gemini could not be reached: {failure}.", accepted: false);
        if (!answer.Ok) throw VeoErrors.Submit(answer.Status, answer.Body, GeminiMapping.Upstream, apiKey);
        var name = GeminiMapping.OperationName(Parse(answer.Body))
            ?? throw new ProviderException("upstream_error", "Gemini accepted the job but named no valid operation.");
        log.LogInformation("Gemini accepted task {TaskId} as {Operation}", job.TaskId, name);
        return name;
    }

    /// google.longrunning's `POST {name}:cancel`: best effort, and an upstream may answer
    /// UNIMPLEMENTED.
    public async Task CancelAsync(string operation, CancellationToken ct)
    {
        if (!VeoOperationName.IsValid(operation)) return;
        var answer = await http.SendJsonAsync(HttpMethod.Post, $"{Base}/v1beta/{operation}:cancel", null, VeoHttp.Header(KeyHeader, Key()), ct);
        log.LogInformation("Cancelled Gemini operation {Operation}: HTTP {Status}", operation, answer.Status);
    }

    public async Task<PollResult> PollAsync(string operation, CancellationToken ct)
    {
        if (!VeoOperationName.IsValid(operation))
            return new PollResult.Failed("upstream_operation_lost", "The stored Gemini operation name is not valid.");
        string apiKey;
        try { apiKey = Key(); }
        catch (ProviderException e) { return new PollResult.Failed(e.Code, e.Message); }

        var answer = await http.SendJsonAsync(HttpMethod.Get, $"{Base}/v1beta/{operation}", null, VeoHttp.Header(KeyHeader, apiKey), ct);
        if (answer.Failure is { } failure)
        {
            log.LogWarning("Polling Gemini operation {Operation} failed ({Problem}); will retry", operation, failure);
            return new PollResult.Pending(RetryAfter: answer.RetryAfter);
        }
        if (!answer.Ok)
        {
            log.LogWarning("Polling Gemini operation {Operation} answered HTTP {Status}", operation, answer.Status);
            return VeoErrors.Poll(answer.Status, answer.Body, answer.RetryAfter, GeminiMapping.Upstream, apiKey);
        }
        if (Parse(answer.Body) is not { } op) return new PollResult.Pending(RetryAfter: pollEvery);
        var result = GeminiMapping.ReadOperation(op);
        return result is PollResult.Pending pending ? pending with { RetryAfter = pollEvery } : result;
    }

    public async Task<IReadOnlyList<RenderedOutput>> DownloadAsync(ProviderJob job, PollResult.Succeeded done, CancellationToken ct)
    {
        var apiKey = Key();
        var limit = TimeSpan.FromSeconds(options.DownloadTimeoutSeconds);
        var outputs = new List<RenderedOutput>(done.Results.Count);
        for (var i = 0; i < done.Results.Count; i++)
        {
            if (!Uri.TryCreate(done.Results[i], UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == baseUri.Scheme))
                throw new ProviderException("upstream_error", $"Gemini result {i} has no downloadable address.");
            var video = Path.Combine(job.WorkDir, $"{i}.mp4");
            await http.DownloadAsync(uri, IsApiHost, VeoHttp.Header(KeyHeader, apiKey), video, limit, ct);
            outputs.Add(await VeoPoster.FinishAsync(ffmpeg, job, i, video, ct));
        }
        return outputs;
    }

    string Base => baseUri.AbsoluteUri.TrimEnd('/');

    bool IsApiHost(Uri uri) =>
        Uri.Compare(uri, baseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    string Key()
    {
        if (key is not null) return key;
        try
        {
            return key = options.ReadKey()
                ?? throw new ProviderException("provider_auth_failed", "Providers:Gemini has neither ApiKey nor ApiKeyFile.", accepted: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProviderException("provider_auth_failed", $"Providers:Gemini:ApiKeyFile could not be read: {e.Message}", e, accepted: false);
        }
    }

    static JsonNode? Parse(string body)
    {
        try { return JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }
}
