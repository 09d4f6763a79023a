using System.Text.Json;
using Reelgate.Server.Accounts;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Idempotency;
using Reelgate.Server.Links;
using Reelgate.Server.Storage;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Submission;

namespace Reelgate.Server.Compat.Google;

/// Google's Veo surfaces, as `@google/genai` calls them with `httpOptions.baseUrl` set to us: the
/// Gemini API (`/v1beta/models/{m}:predictLongRunning`, `GET /v1beta/{operation}`, file download)
/// and Vertex AI (`/v1beta1/[projects/{p}/locations/{l}/]publishers/google/models/{m}:predictLongRunning`
/// and `:fetchPredictOperation`). One folder for both: they share the body, the envelope and the
/// operation; only paths and the result's shape differ.
internal static class GoogleEndpoints
{
    const string Json = "application/json; charset=utf-8";
    const string VertexModels = "/publishers/google/models/{model}";
    const string VertexProject = "/projects/{project}/locations/{location}";

    public static void MapGoogle(this WebApplication app)
    {
        var envelope = new GoogleEnvelope();
        var gemini = app.MapDialect("/v1beta", envelope, "Google GenAI (Gemini API)").WithMetadata(new KeyInQuery());
        gemini.MapPost("/models/{model}:predictLongRunning", (string model, HttpContext http, TaskSubmission s, CancellationToken ct) =>
            CreateAsync(http, s, Dialects.Gemini, id => GoogleNames.Gemini(model, id), model, ct)).WithName("GeminiPredictLongRunning").Documented();
        gemini.MapGet("/models/{model}/operations/{operation}", GeminiOperationAsync).WithName("GeminiGetOperation").Documented();
        gemini.MapGet("/files/{**file}", GeminiFileAsync).WithName("GeminiDownloadFile")
            // A 302 to the output's signed link, which answers the MP4.
            .Produces(302).Produces(200, typeof(Stream), "video/mp4").Produces<GoogleErrorBody>(404);

        var vertex = app.MapDialect("/v1beta1", envelope, "Google GenAI (Vertex AI)").WithMetadata(new KeyInQuery());
        vertex.MapPost(VertexProject + VertexModels + ":predictLongRunning", (string project, string location, string model, HttpContext http, TaskSubmission s, CancellationToken ct) =>
            CreateAsync(http, s, Dialects.Vertex, id => GoogleNames.Vertex(project, location, model, id), model, ct)).WithName("VertexPredictLongRunning").Documented();
        vertex.MapPost(VertexModels + ":predictLongRunning", (string model, HttpContext http, TaskSubmission s, CancellationToken ct) =>
            CreateAsync(http, s, Dialects.Vertex, id => GoogleNames.Vertex(null, null, model, id), model, ct)).WithName("VertexExpressPredictLongRunning").Documented();
        vertex.MapPost(VertexProject + VertexModels + ":fetchPredictOperation", (string project, string location, string model, HttpContext http, TaskLookup lookup, TaskViews views, IBlobStore blobs, CancellationToken ct) =>
            VertexOperationAsync(http, lookup, views, blobs, ct)).WithName("VertexFetchPredictOperation").Documented();
        vertex.MapPost(VertexModels + ":fetchPredictOperation", (string model, HttpContext http, TaskLookup lookup, TaskViews views, IBlobStore blobs, CancellationToken ct) =>
            VertexOperationAsync(http, lookup, views, blobs, ct)).WithName("VertexExpressFetchPredictOperation").Documented();
    }

    static async Task<IResult> CreateAsync(HttpContext http, TaskSubmission submission, string dialect, Func<string, string> name, string model, CancellationToken ct)
    {
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var body = JsonSerializer.SerializeToElement(fields.Names.ToDictionary(n => n, n => fields.Raw(n)));
        var (draft, error) = GoogleRequest.Parse(body, model);
        if (draft is null) return error!.ToResult();
        var submitted = await DialectSubmit.SubmitAsync(http, submission, draft, dialect, 200, t => Created(name(t.Id), t.Id), ct, Json);
        if (submitted.Task is not { } task) return submitted.Error!.ToResult();
        return Results.Bytes(submitted.Answer?.Body ?? Created(name(task.Id), task.Id), Json);
    }

    /// Google answers a create with the operation's name only; the task id is added for people
    /// who also use the native API.
    static byte[] Created(string name, string taskId) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["name"] = name, ["metadata"] = new Dictionary<string, string> { ["@type"] = "type.googleapis.com/reelgate.v1.VideoTaskMetadata", ["taskId"] = taskId },
    });

    static async Task<IResult> GeminiOperationAsync(string model, string operation, HttpContext http, TaskLookup lookup, TaskViews views, CancellationToken ct)
    {
        if (await FindAsync(operation, http, lookup, ct) is not { } row) return NotFound(operation);
        var origin = TaskJson.Origin(http.Request);
        var bytes = GoogleOperations.Gemini(views.Of(row), GoogleNames.Gemini(model, row.Id), i => $"{origin}/v1beta/{GoogleNames.File(row.Id, i)}:download?alt=media");
        return Results.Bytes(bytes, Json);
    }

    /// Google redirects a download to storage; we redirect to the output's signed link, which
    /// serves Range and HEAD and needs no key.
    static async Task<IResult> GeminiFileAsync(string file, HttpContext http, TaskLookup lookup, TaskViews views, SignedLinks links, CancellationToken ct)
    {
        if (GoogleNames.ParseFile("files/" + file) is not var (taskId, index)) return NotFound("files/" + file);
        var row = await lookup.FindAsync(taskId, Caller.From(http).AccountId, ct);
        if (row is null) return NotFound(GoogleNames.File(taskId, index));
        var view = views.Of(row);
        if (row.Status != TaskStatuses.Completed || index >= view.Outputs.Count)
            return new ApiError(404, "video_not_ready", $"File {GoogleNames.File(taskId, index)} does not exist (the task is {row.Status}).", "name").ToResult();
        var all = links.Of(view, TaskJson.Origin(http.Request));
        return Results.Redirect(all.Outputs[index].Video.Url);
    }

    static async Task<IResult> VertexOperationAsync(HttpContext http, TaskLookup lookup, TaskViews views, IBlobStore blobs, CancellationToken ct)
    {
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        var name = fields.String("operationName");
        if (fields.Error is { } typeError) return typeError.ToResult();
        if (string.IsNullOrWhiteSpace(name)) return ApiError.Invalid("operationName", "'operationName' is required.", "missing_parameter").ToResult();
        if (await FindAsync(name, http, lookup, ct) is not { } row) return NotFound(name);
        var view = views.Of(row);
        var videos = new List<byte[]>();
        if (row.Status == TaskStatuses.Completed)
            foreach (var o in view.Outputs)
            {
                await using var stream = await blobs.OpenReadAsync(o.VideoKey, ct);
                if (stream is null) return new ApiError(410, "content_expired", "The content of this video is no longer stored.", "operationName").ToResult();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, ct);
                videos.Add(copy.ToArray());
            }
        return Results.Bytes(GoogleOperations.Vertex(view, name, videos), Json);
    }

    static async Task<VideoTask?> FindAsync(string operation, HttpContext http, TaskLookup lookup, CancellationToken ct) =>
        GoogleNames.TaskId(operation) is { } id ? await lookup.FindAsync(id, Caller.From(http).AccountId, ct) : null;

    static IResult NotFound(string name) => new ApiError(404, "not_found", $"Operation or file '{name}' was not found for this key.", "name").ToResult();
}
