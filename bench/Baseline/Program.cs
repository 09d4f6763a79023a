// The baselines for the HTTP benchmarks: bare Kestrel + minimal APIs, no database, no auth, no
// middleware. Both routes answer with an object of the same shape as Reelgate's task view (same
// fields, same order, similar size), serialized per request as TypedResults.Json does there.
//   GET  /v1/videos/{id}  the status-poll baseline; BASELINE_PROMPT sets the prompt so the body
//                         size matches the task the benchmark polls.
//   POST /v1/videos       the submit baseline: reads and checks the JSON body, answers 202.

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var defaultPrompt = Environment.GetEnvironmentVariable("BASELINE_PROMPT") ?? "a lake at sunset";
var createdAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

app.MapGet("/v1/videos/{id}", (string id) => TypedResults.Json(Task(id, defaultPrompt, 4)));

app.MapPost("/v1/videos", async (HttpRequest request) =>
{
    var body = await request.ReadFromJsonAsync<SubmitBody>();
    if (body?.Prompt is not { Length: > 0 } prompt)
        return Results.BadRequest();
    return TypedResults.Json(Task("video_" + Guid.NewGuid().ToString("N"), prompt, body.Duration ?? 4), statusCode: 202);
});

app.Run();

object Task(string id, string prompt, int duration) => new
{
    id, @object = "video", status = "queued", progress = 0,
    created_at = createdAt, completed_at = (long?)null, expires_at = (long?)null, started_at = (long?)null,
    model = "veo-3.1-fast-generate-preview", prompt, seconds = duration.ToString(System.Globalization.CultureInfo.InvariantCulture),
    size = "1280x720", error = (object?)null, remixed_from_video_id = (string?)null, provider = "local", preview = true,
    eta_seconds = (int?)null, attempts = 0,
    duration, aspect_ratio = "16:9", resolution = "720p", fps = 24, generation_type = "text",
    images = Array.Empty<string>(), n = 1, seed = 1717767925u, negative_prompt = (string?)null, generate_audio = true,
    person_generation = (string?)null, resize_mode = "pad", enhance_prompt = false, callback_url = (string?)null,
    metadata = (object?)null, outputs = Array.Empty<object>(),
};

internal sealed record SubmitBody(string? Prompt, int? Duration);
