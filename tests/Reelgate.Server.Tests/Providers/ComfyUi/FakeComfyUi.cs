using System.Text;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Providers.OpenAiCompatible;

namespace Reelgate.Server.Tests.Providers.ComfyUi;

/// ComfyUI's HTTP API on loopback, behind a bearer-token proxy: it refuses what the real server
/// refuses (no image part, no prompt object, a file /view does not have) and answers the rest
/// from recorded files. /view serves the two outputs the recorded histories name.
public static class FakeComfyUi
{
    public const string Token = "comfy-proxy-token-93d1";
    public const string PromptId = "8a3f0c52-6d1e-4b7a-9c2e-5f4d3b2a1e90";
    public const string Upload = "POST /upload/image";
    public const string Prompt = "POST /prompt";
    public const string History = "GET /history/{id}";
    public const string Queue = "GET /queue";
    public const string View = "GET /view";

    static readonly Dictionary<(string Name, string Subfolder, string Type), (Func<byte[]> Bytes, string Type)> Outputs = new()
    {
        [("wan_00001_.mp4", "reelgate", "output")] = (() => UpstreamMedia.Mp4, "video/mp4"),
        [("ltxv 00001 (draft).webm", "reelgate", "output")] = (() => UpstreamMedia.Webm, "video/webm"),
    };

    public static async Task<ScriptedUpstream> StartAsync(string? expectedToken = Token)
    {
        var upstream = await ScriptedUpstream.StartAsync(Route, (request, route) => Refusal(request, route, expectedToken));
        upstream.Always(Upload, Reply.File("ComfyUi/upload-answer.json"));
        upstream.Always(Prompt, Reply.File("ComfyUi/prompt-answer.json"));
        return upstream;
    }

    static string Route(Received r)
    {
        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (r.Method, parts) switch
        {
            ("POST", ["upload", "image"]) => Upload,
            ("POST", ["prompt"]) => Prompt,
            ("GET", ["history", _]) => History,
            ("GET", ["queue"]) => Queue,
            ("GET", ["view"]) => View,
            _ => r.Route,
        };
    }

    static bool IsPromptBody(Received r) =>
        (r.ContentType ?? "").StartsWith("application/json", StringComparison.Ordinal) && JsonNode.Parse(r.Text)?["prompt"] is JsonObject;

    static Reply? Refusal(Received r, string route, string? expectedToken)
    {
        if (expectedToken is not null && r.Authorization != $"Bearer {expectedToken}")
            return Reply.File("ComfyUi/proxy-401.json", 401);
        switch (route)
        {
            case Upload when !r.Files.ContainsKey("image"):
                return new Reply(400, [], "text/plain");
            case Prompt when !IsPromptBody(r):
                return new Reply(400, Encoding.UTF8.GetBytes(
                    """{"error": {"type": "no_prompt", "message": "No prompt provided", "details": "No prompt provided", "extra_info": {}}, "node_errors": {}}"""));
            case View:
                var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(r.Query);
                var key = (query["filename"].ToString(), query["subfolder"].ToString(), query["type"].ToString());
                return Outputs.TryGetValue(key, out var file) ? Reply.Media(file.Bytes(), file.Type) : new Reply(404, [], "text/plain");
            default:
                return null;
        }
    }
}
