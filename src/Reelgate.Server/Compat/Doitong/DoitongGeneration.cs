using System.Globalization;
using System.Text.Json.Serialization;
using Reelgate.Server.Billing;
using Reelgate.Server.Catalog;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.Doitong;

/// A task as Doitong shows it (GraphQL `Generation`, the REST `generatevideo`, the webhook).
internal sealed record DoitongGeneration(
    string Id, string Status, string Type, string Provider, string? Url, DoitongMetadata Metadata, decimal CreditCost,
    string CreatedAt, string? CompletedAt, string? WebhookUrl, int Progress, string? Error);

/// What will be (or was) delivered: the duration after mapping, the frame size, the model.
internal sealed record DoitongMetadata(
    [property: JsonPropertyName("duration")] int Duration,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("aspectRatio")] string AspectRatio,
    [property: JsonPropertyName("resolution")] string Resolution,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("audio")] bool Audio,
    [property: JsonPropertyName("preview")] bool Preview,
    [property: JsonPropertyName("notice"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Notice);

internal static class DoitongGenerations
{
    /// Doitong has no queue state: clients poll `while (status === 'processing')`, so queued and
    /// running are both "processing".
    public static string Status(string status) => status switch
    {
        TaskStatuses.Completed => "completed",
        TaskStatuses.Failed => "failed",
        TaskStatuses.Cancelled => "cancelled",
        _ => "processing",
    };

    public static DoitongGeneration Of(TaskView view, TaskLinks links)
    {
        var row = view.Row;
        var r = view.Request;
        var output = view.Outputs.FirstOrDefault();
        var completed = row.Status == TaskStatuses.Completed && links.Outputs.Count > 0;
        var metadata = new DoitongMetadata(output is null ? r.Duration : (int)Math.Round(output.Duration), output?.Width ?? r.Width,
            output?.Height ?? r.Height, r.AspectRatio, r.Resolution, r.Model, r.GenerateAudio, view.Preview, r.Notice?.Message);
        return new DoitongGeneration(row.Id, Status(row.Status), "VIDEO",
            r.Metadata?.GetValueOrDefault(DoitongRequests.ServiceKey) ?? Service(r.Model), completed ? links.Outputs[0].Video.Url : null,
            metadata, Credits.ToDecimal(row.Credits), Time(row.CreatedAt), row.CompletedAt is { } c ? Time(c) : null, r.CallbackUrl,
            row.Status == TaskStatuses.Completed ? 100 : row.Progress,
            row.ErrorMessage);
    }

    /// Doitong's name of a model: its first alias (veo3, veo3-fast, veo2, veo3.1…).
    public static string Service(string modelId) => ModelCatalog.Find(modelId) is { Aliases: [var first, ..] } ? first : modelId;

    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
