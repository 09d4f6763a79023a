using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers.Veo;

namespace Reelgate.Server.Providers.Vertex;

/// Veo on Vertex AI with a service account's bearer token. Results come back as gs:// objects
/// (when StorageUri is set) or inline base64 in the operation. One instance per process, with an
/// HttpClient whose handler does not follow redirects (the token stays on the storage host).
internal sealed class VertexProvider : IRemoteProvider
{
    readonly VertexOptions options;
    readonly IAccessTokenSource tokens;
    readonly VeoHttp http;
    readonly FfmpegRunner ffmpeg;
    readonly ILogger<VertexProvider> log;
    readonly Uri storageUri;
    readonly TimeSpan pollEvery;

    public VertexProvider(HttpClient client, IOptions<VertexOptions> options, IAccessTokenSource tokens, FfmpegRunner ffmpeg, TimeProvider clock, ILogger<VertexProvider> log)
    {
        this.options = options.Value;
        this.tokens = tokens;
        this.ffmpeg = ffmpeg;
        this.log = log;
        storageUri = new Uri(this.options.StorageBaseUrl);
        pollEvery = TimeSpan.FromSeconds(this.options.PollSeconds);
        http = new VeoHttp(client, TimeSpan.FromSeconds(this.options.TimeoutSeconds), this.options.MaxConcurrency, pollEvery, clock);
    }

    public string Name => "vertex";

    public async Task<string> SubmitAsync(ProviderJob job, UpstreamModel model, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Project))
            throw new ProviderException("provider_unavailable", "Providers:Vertex:Project is not set.", accepted: false);
        var body = VertexMapping.ToRequest(job.Request, await VeoImage.LoadAsync(job.ImagePaths, ct), model, options.StorageUri);
        string token;
        try { token = await tokens.GetAccessTokenAsync(ct); }
        catch (HttpRequestException e)
        {
            throw new ProviderException("provider_unavailable", $"No access token for Vertex AI: {e.Message}", e, accepted: false);
        }
        var url = $"{options.ApiBase}/v1/{VertexMapping.ModelPath(options.Project, options.Location, model.Id)}:predictLongRunning";
        var answer = await http.SendJsonAsync(HttpMethod.Post, url, body, VeoHttp.Bearer(token), ct);
        if (answer.Failure is { } failure)
            throw new ProviderException("provider_unavailable", $"Vertex AI could not be reached: {failure}.", accepted: false);
        if (!answer.Ok) throw VeoErrors.Submit(answer.Status, answer.Body, VertexMapping.Upstream, token);
        var name = VertexMapping.OperationName(Parse(answer.Body))
            ?? throw new ProviderException("upstream_error", "Vertex AI accepted the job but named no valid operation.");
        log.LogInformation("Vertex AI accepted task {TaskId} as {Operation}", job.TaskId, name);
        return name;
    }

    public async Task<PollResult> PollAsync(string operation, CancellationToken ct)
    {
        var (op, result) = await FetchAsync(operation, ct);
        if (op is null) return result!;
        var read = VertexMapping.ReadOperation(op, operation);
        return read is PollResult.Pending pending ? pending with { RetryAfter = pollEvery } : read;
    }

    public async Task<IReadOnlyList<RenderedOutput>> DownloadAsync(ProviderJob job, PollResult.Succeeded done, CancellationToken ct)
    {
        var limit = TimeSpan.FromSeconds(options.DownloadTimeoutSeconds);
        var fetched = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var outputs = new List<RenderedOutput>(done.Results.Count);
        for (var i = 0; i < done.Results.Count; i++)
        {
            var video = Path.Combine(job.WorkDir, $"{i}.mp4");
            if (VertexMapping.ParseInlineMarker(done.Results[i]) is var (index, operation))
            {
                if (!fetched.TryGetValue(operation, out var op))
                    fetched[operation] = op = await FetchDoneAsync(operation, ct);
                var base64 = VertexMapping.InlineVideo(op, index)
                    ?? throw new ProviderException("upstream_error", $"Vertex AI result {i} is no longer in its operation.");
                await File.WriteAllBytesAsync(video, Decode(base64, i), ct);
            }
            else if (VertexMapping.MediaUrl(done.Results[i], options.StorageBaseUrl) is { } url)
            {
                var token = await TokenForDownloadAsync(ct);
                await http.DownloadAsync(new Uri(url), IsStorageHost, VeoHttp.Bearer(token), video, limit, ct);
            }
            else throw new ProviderException("upstream_error", $"Vertex AI result {i} has no downloadable address.");
            outputs.Add(await VeoPoster.FinishAsync(ffmpeg, job, i, video, ct));
        }
        return outputs;
    }

    /// One `fetchPredictOperation`: the operation, or (null, what the poll should report).
    async Task<(JsonNode? Op, PollResult? Result)> FetchAsync(string operation, CancellationToken ct)
    {
        if (VertexMapping.ModelPathOf(operation) is not { } modelPath)
            return (null, new PollResult.Failed("upstream_operation_lost", "The stored Vertex AI operation name is not valid."));
        string token;
        try { token = await tokens.GetAccessTokenAsync(ct); }
        catch (ProviderException e) { return (null, new PollResult.Failed(e.Code, e.Message)); }
        catch (HttpRequestException e)
        {
            log.LogWarning("No access token for polling {Operation} ({Problem}); will retry", operation, e.Message);
            return (null, new PollResult.Pending(RetryAfter: pollEvery));
        }

        var url = $"{options.ApiBase}/v1/{modelPath}:fetchPredictOperation";
        var answer = await http.SendJsonAsync(HttpMethod.Post, url, VertexMapping.FetchRequest(operation), VeoHttp.Bearer(token), ct);
        if (answer.Failure is { } failure)
        {
            log.LogWarning("Polling Vertex AI operation {Operation} failed ({Problem}); will retry", operation, failure);
            return (null, new PollResult.Pending(RetryAfter: answer.RetryAfter));
        }
        if (!answer.Ok)
        {
            log.LogWarning("Polling Vertex AI operation {Operation} answered HTTP {Status}", operation, answer.Status);
            return (null, VeoErrors.Poll(answer.Status, answer.Body, answer.RetryAfter, VertexMapping.Upstream, token));
        }
        return Parse(answer.Body) is { } op ? (op, null) : (null, new PollResult.Pending(RetryAfter: pollEvery));
    }

    /// The operation again, for results it holds inline; a download fails rather than waits.
    async Task<JsonNode> FetchDoneAsync(string operation, CancellationToken ct)
    {
        var (op, result) = await FetchAsync(operation, ct);
        if (op is not null) return op;
        throw result is PollResult.Failed f
            ? new ProviderException(f.Code, f.Message)
            : new ProviderException("upstream_download_failed", "Vertex AI could not be reached to fetch an inline result.");
    }

    async Task<string> TokenForDownloadAsync(CancellationToken ct)
    {
        try { return await tokens.GetAccessTokenAsync(ct); }
        catch (HttpRequestException e) { throw new ProviderException("upstream_download_failed", $"No access token for the download: {e.Message}", e); }
    }

    bool IsStorageHost(Uri uri) =>
        Uri.Compare(uri, storageUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    static byte[] Decode(string base64, int index)
    {
        try { return Convert.FromBase64String(base64); }
        catch (FormatException e) { throw new ProviderException("upstream_error", $"Vertex AI result {index} is not valid base64.", e); }
    }

    static JsonNode? Parse(string body)
    {
        try { return JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }
}
