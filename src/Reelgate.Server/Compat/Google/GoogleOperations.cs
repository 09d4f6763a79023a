using System.Buffers;
using System.Text.Json;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Compat.Google;

/// A task as a google.longrunning.Operation, in the two shapes Google's SDK parses: the Gemini
/// API's (`response.generateVideoResponse.generatedSamples[].video.uri`) and Vertex AI's
/// (`response.videos[].bytesBase64Encoded`). A task refused by a safety filter is a done
/// operation with `raiMediaFilteredCount`, as Google reports it; other failures are its `error`.
/// Pure: the view, the operation's name and the results in, JSON bytes out.
internal static class GoogleOperations
{
    public const string ContentFiltered = Providers.Veo.VeoMapping.ContentFiltered;

    /// `fileUri(index)` is where output `index` downloads from.
    public static byte[] Gemini(TaskView view, string name, Func<int, string> fileUri) => Write(view, name, w =>
    {
        w.WriteString("@type", "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse");
        w.WriteStartObject("generateVideoResponse");
        if (view.Row.Status == TaskStatuses.Completed)
        {
            w.WriteStartArray("generatedSamples");
            foreach (var o in view.Outputs)
            {
                w.WriteStartObject();
                w.WriteStartObject("video");
                w.WriteString("uri", fileUri(o.Index));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        else Filtered(w, view);
        w.WriteEndObject();
    });

    /// `videos` holds each output's MP4 bytes (Vertex AI returns results inline without a storageUri).
    public static byte[] Vertex(TaskView view, string name, IReadOnlyList<byte[]> videos) => Write(view, name, w =>
    {
        w.WriteString("@type", "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse");
        if (view.Row.Status != TaskStatuses.Completed) { Filtered(w, view); return; }
        w.WriteNumber("raiMediaFilteredCount", 0);
        w.WriteStartArray("videos");
        foreach (var video in videos)
        {
            w.WriteStartObject();
            w.WriteBase64String("bytesBase64Encoded", video);
            w.WriteString("mimeType", "video/mp4");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    static byte[] Write(TaskView view, string name, Action<Utf8JsonWriter> response)
    {
        var row = view.Row;
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteStartObject("metadata");
            w.WriteString("@type", "type.googleapis.com/reelgate.v1.VideoTaskMetadata");
            w.WriteString("taskId", row.Id);
            w.WriteString("status", row.Status);
            w.WriteNumber("progressPercent", row.Progress);
            w.WriteEndObject();
            var ended = row.Status is TaskStatuses.Completed or TaskStatuses.Failed or TaskStatuses.Cancelled;
            w.WriteBoolean("done", ended);
            if (row.Status == TaskStatuses.Completed || row.ErrorCode == ContentFiltered)
            {
                w.WriteStartObject("response");
                response(w);
                w.WriteEndObject();
            }
            else if (ended)
            {
                w.WriteStartObject("error");
                var error = Error(row.Status, row.ErrorCode, row.ErrorMessage);
                var (_, status, grpc) = GoogleEnvelope.Rpc(error.Status);
                GoogleEnvelope.WriteStatus(w, grpc, error, status);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// Every requested video was filtered: the count and the filter's reason, Google's way.
    static void Filtered(Utf8JsonWriter w, TaskView view)
    {
        w.WriteNumber("raiMediaFilteredCount", view.Request.N);
        w.WriteStartArray("raiMediaFilteredReasons");
        w.WriteStringValue(view.Row.ErrorMessage ?? "The video was blocked by a safety filter.");
        w.WriteEndArray();
    }

    /// A failed or cancelled task as the google.rpc.Status of its operation, our code kept.
    static ApiError Error(string status, string? code, string? message) =>
        status == TaskStatuses.Cancelled
            ? new ApiError(499, code ?? "cancelled", message ?? "The task was cancelled.")
            : new ApiError(code switch
            {
                "invalid_request" or "unsupported_by_providers" => 400,
                "provider_rate_limited" => 429,
                "provider_unavailable" => 503,
                "deadline_exceeded" => 504,
                _ => 500,
            }, code ?? "failed", message ?? "The task failed.");
}
