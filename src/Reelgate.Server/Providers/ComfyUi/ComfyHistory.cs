using System.Text.Json.Nodes;
using Reelgate.Server.Providers.Upstream;
using static Reelgate.Server.Providers.Upstream.UpstreamJson;
using static Reelgate.Server.Providers.Upstream.UpstreamText;

namespace Reelgate.Server.Providers.ComfyUi;

/// One file a workflow wrote, as ComfyUI names it. Encoded, it is the query of `GET /view`, which
/// is what a Succeeded result carries to the download step.
internal sealed record ComfyFile(string Filename, string Subfolder, string Type)
{
    public string Encode() =>
        $"filename={Uri.EscapeDataString(Filename)}&subfolder={Uri.EscapeDataString(Subfolder)}&type={Uri.EscapeDataString(Type)}";

    public static ComfyFile Parse(string encoded)
    {
        var fields = encoded.Split('&')
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => Uri.UnescapeDataString(kv[1]), StringComparer.Ordinal);
        var filename = fields.GetValueOrDefault("filename");
        if (string.IsNullOrEmpty(filename))
            throw new FormatException($"not a ComfyUI file reference: {encoded}");
        return new ComfyFile(filename, fields.GetValueOrDefault("subfolder") ?? "", fields.GetValueOrDefault("type") ?? "output");
    }

    public string Extension => Path.GetExtension(Filename).TrimStart('.').ToLowerInvariant();
}

/// ComfyUI's `/history/{id}`, `/queue` and `/prompt` answers, as pure functions.
internal static class ComfyHistory
{
    /// Extensions of the files the video nodes write (SaveVideo, SaveWEBM, SaveAnimatedWEBP,
    /// VHS_VideoCombine); stills next to them (a preview PNG) are not results.
    static readonly HashSet<string> VideoExtensions = ["mp4", "webm", "mov", "mkv", "m4v", "avi", "gif", "webp"];

    /// Where a node lists its files: `videos` (newer core nodes), `gifs` (VideoHelperSuite),
    /// `images` (SaveVideo, SaveWEBM and SaveAnimatedWEBP, with `animated: [true]`).
    static readonly string[] OutputLists = ["videos", "gifs", "images"];

    /// The prompt's state from a `/history/{id}` answer; null when it is not there (`{}`), which
    /// means queued, running, or lost: the queue tells which.
    public static PollResult? Read(JsonNode? history, string promptId, string? secret = null)
    {
        if (history.Field(promptId) is not JsonObject entry)
            return null;
        var status = entry["status"];
        var statusStr = Str(status.Field("status_str"));
        if (statusStr == "error")
            return new PollResult.Failed("upstream_error", Clean(ErrorMessage(status.Field("messages")), secret));
        var completed = status.Field("completed") is JsonValue c && c.TryGetValue<bool>(out var done) && done;
        if (statusStr != "success" || !completed)
            return new PollResult.Pending();
        var files = Outputs(entry["outputs"]);
        return files.Count == 0
            ? new PollResult.Failed("upstream_error", "the workflow finished without writing a video; does the template end in a video save node?")
            : new PollResult.Succeeded(files.Select(f => f.Encode()).ToList());
    }

    /// True when the prompt is running or waiting in a `/queue` answer
    /// (`{"queue_running": [[number, prompt_id, …]], "queue_pending": […]}`).
    public static bool IsQueued(JsonNode? queue, string promptId) =>
        new[] { "queue_running", "queue_pending" }
            .SelectMany(list => queue.Field(list) as JsonArray ?? [])
            .Any(item => item is JsonArray fields && fields.Count > 1 && Str(fields[1]) == promptId);

    /// The video files of a finished prompt, files saved to "output" before temporary previews.
    public static IReadOnlyList<ComfyFile> Outputs(JsonNode? outputs)
    {
        var files = new List<ComfyFile>();
        foreach (var (_, node) in outputs as JsonObject ?? [])
            foreach (var list in OutputLists)
                foreach (var item in node.Field(list) as JsonArray ?? [])
                    if (Str(item.Field("filename")) is { Length: > 0 } name)
                    {
                        var file = new ComfyFile(name, Str(item.Field("subfolder")) ?? "", Str(item.Field("type")) ?? "output");
                        if (VideoExtensions.Contains(file.Extension) && !files.Contains(file))
                            files.Add(file);
                    }
        return files.OrderBy(f => f.Type == "output" ? 0 : 1).ToList();
    }

    /// The `prompt_id` of a `POST /prompt` answer.
    public static string? ReadPromptId(JsonNode? answer) =>
        Str(answer.Field("prompt_id")) is { Length: > 0 } id ? id : null;

    /// A refused prompt (`{"error": {"type","message","details"}, "node_errors": {"<id>": {"class_type",
    /// "errors": [{"message","details"}]}}}`) in one line: what failed, and in which nodes.
    public static string ValidationMessage(JsonNode? answer)
    {
        var error = answer.Field("error");
        var head = Str(error.Field("message")) ?? Str(error) ?? "the workflow was refused";
        var details = Str(error.Field("details"));
        var nodes = (answer.Field("node_errors") as JsonObject ?? [])
            .Select(kv => (Id: kv.Key, Class: Str(kv.Value.Field("class_type")),
                Errors: (kv.Value.Field("errors") as JsonArray ?? []).Select(e => Join(Str(e.Field("message")), Str(e.Field("details")))).Where(s => s.Length > 0)))
            .Select(n => $"node {n.Id}{(n.Class is null ? "" : $" ({n.Class})")}: {string.Join("; ", n.Errors)}")
            .ToList();
        var text = string.IsNullOrEmpty(details) ? head : $"{head}: {details}";
        return nodes.Count == 0 ? text : $"{text}; {string.Join("; ", nodes)}";
    }

    /// The `execution_error` (or interruption) among a failed prompt's status messages.
    static string ErrorMessage(JsonNode? messages)
    {
        foreach (var message in messages as JsonArray ?? [])
        {
            if (message is not JsonArray { Count: >= 2 } pair) continue;
            var kind = Str(pair[0]);
            var data = pair[1];
            if (kind == "execution_interrupted")
                return "the workflow was interrupted on the ComfyUI server";
            if (kind == "execution_error")
            {
                var where = Str(data.Field("node_type")) is { } type ? $"{type} (node {Str(data.Field("node_id"))})" : "a node";
                var what = Join(Str(data.Field("exception_type")), Str(data.Field("exception_message"))?.Trim());
                return $"the workflow failed in {where}" + (what.Length > 0 ? $": {what}" : "");
            }
        }
        return "the workflow failed on the ComfyUI server";
    }

    static string Join(string? a, string? b) =>
        string.Join(": ", new[] { a, b }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
