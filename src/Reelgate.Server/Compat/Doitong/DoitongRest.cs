using System.Text.Json;
using System.Text.Json.Serialization;
using Reelgate.Server.Http;

namespace Reelgate.Server.Compat.Doitong;

/// Doitong's REST surface: `POST /v1/text_to_video` (`X-API-Key`; service, prompt, duration,
/// aspectRatio, version, webhookUrl — and, beyond the seed, quality and image/images for
/// image-to-video) answering `{"data":{"generatevideo":{…}}}`; `GET /v1/text_to_video/{id}`
/// reads it back in the same shape (our choice: the seed documents no read).
internal static class DoitongRest
{
    static readonly HashSet<string> Known = ["service", "prompt", "duration", "aspectRatio", "version", "webhookUrl", "quality", "image", "images"];

    public static async Task<IResult> Create(HttpContext http, DoitongTasks tasks, CancellationToken ct)
    {
        var (f, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (f is null) return readError!.ToResult();
        if (f.Names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
            return new ApiError(400, "unknown_parameter", $"'{unknown}' is not a parameter of this endpoint.", unknown).ToResult();
        var images = (f.StringList("image") ?? []).Concat(f.StringList("images") ?? []).ToList();
        var request = new DoitongRequest("VIDEO", f.String("service"), f.String("prompt"), images, f.Long("duration", allowString: true),
            f.String("aspectRatio"), f.String("version"), f.String("quality"), f.String("webhookUrl"), DoitongNames.Rest);
        if (f.Error is { } typeError) return typeError.ToResult();
        if (request.Service is null) return ApiError.Invalid("service", "'service' is required (e.g. \"veo3\").", "missing_parameter").ToResult();
        var (generation, error, stored) = await tasks.CreateAsync(http, request, Bytes, ct);
        if (generation is null) return error!.ToResult();
        return TypedResults.Bytes(stored?.Body ?? Bytes(generation), DoitongTasks.ContentType);
    }

    public static async Task<IResult> Get(string id, HttpContext http, DoitongTasks tasks, CancellationToken ct) =>
        await tasks.FindAsync(http, id, ct) is { } g ? TypedResults.Bytes(Bytes(g), DoitongTasks.ContentType) : ApiError.NotFound("generation", id).ToResult();

    static byte[] Bytes(DoitongGeneration g) => JsonSerializer.SerializeToUtf8Bytes(new TextToVideoAnswer(new TextToVideoData(new TextToVideo(
        g.Id, g.Status, g.Url, g.WebhookUrl, g.CreatedAt, g.CompletedAt, g.Metadata.Duration, g.Provider, g.CreditCost, g.Progress, g.Metadata, g.Error))));
}

internal sealed record TextToVideoAnswer([property: JsonPropertyName("data")] TextToVideoData Data);

internal sealed record TextToVideoData([property: JsonPropertyName("generatevideo")] TextToVideo Generatevideo);

/// The seed's `generatevideo` (id, status, url, webhookUrl, createdAt; duration once completed),
/// with duration always (what will be delivered) and the cost, progress, metadata and error.
internal sealed record TextToVideo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("webhookUrl")] string? WebhookUrl,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("completedAt")] string? CompletedAt,
    [property: JsonPropertyName("duration")] int Duration,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("creditCost")] decimal CreditCost,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("metadata")] DoitongMetadata Metadata,
    [property: JsonPropertyName("error")] string? Error);
