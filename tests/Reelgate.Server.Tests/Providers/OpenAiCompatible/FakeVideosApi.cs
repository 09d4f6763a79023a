using System.Text;

namespace Reelgate.Server.Tests.Providers.OpenAiCompatible;

/// The OpenAI `/v1/videos` API on loopback: it checks the bearer key and the multipart form as the
/// real one does, and answers from recorded files. Routes: Submit, Retrieve, Content, Thumbnail.
public static class FakeVideosApi
{
    public const string Key = "sk-test-reelgate-4f1c9a7e2b";
    public const string VideoId = "video_68e7d9a1c0b48190a1d2e3f4a5b6c7d8";
    public const string Submit = "POST /v1/videos";
    public const string Retrieve = "GET /v1/videos/{id}";
    public const string Content = "GET /v1/videos/{id}/content";
    public const string Thumbnail = "GET /v1/videos/{id}/content?variant=thumbnail";
    public const string Remix = "POST /v1/videos/{id}/remix";

    /// expectedKey null: the server takes any request (a gateway without auth).
    public static async Task<ScriptedUpstream> StartAsync(string? expectedKey = Key)
    {
        var upstream = await ScriptedUpstream.StartAsync(Route, (request, route) => Refusal(request, route, expectedKey));
        upstream.Always(Submit, Reply.File("OpenAiCompatible/video-queued.json"));
        upstream.Always(Remix, Reply.File("OpenAiCompatible/video-queued.json"));
        upstream.Always(Content, Reply.Media(UpstreamMedia.Mp4, "video/mp4"));
        upstream.Always(Thumbnail, Reply.Media(UpstreamMedia.WebpStill, "image/webp"));
        return upstream;
    }

    static string Route(Received r)
    {
        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (r.Method, parts) switch
        {
            ("POST", ["v1", "videos"]) => Submit,
            ("POST", ["v1", "videos", _, "remix"]) => Remix,
            ("GET", ["v1", "videos", _]) => Retrieve,
            ("GET", ["v1", "videos", _, "content"]) => r.Query.Contains("variant=thumbnail") ? Thumbnail : Content,
            _ => r.Route,
        };
    }

    static Reply? Refusal(Received r, string route, string? expectedKey)
    {
        if (expectedKey is not null && r.Authorization != $"Bearer {expectedKey}")
            return Reply.File("OpenAiCompatible/error-auth.json", 401);
        if (route == Submit && (!r.ContentType!.StartsWith("multipart/form-data", StringComparison.Ordinal)
                                || !r.Fields.ContainsKey("model") || !r.Fields.ContainsKey("prompt")))
            return new Reply(400, Encoding.UTF8.GetBytes(
                """{"error":{"message":"Missing required parameter: 'prompt'.","type":"invalid_request_error","param":"prompt","code":"missing_required_parameter"}}"""));
        // OpenAI's remix takes JSON with the new prompt, nothing else.
        if (route == Remix && (!r.ContentType!.StartsWith("application/json", StringComparison.Ordinal) || !r.Text.Contains("\"prompt\"", StringComparison.Ordinal)))
            return new Reply(400, Encoding.UTF8.GetBytes(
                """{"error":{"message":"Missing required parameter: 'prompt'.","type":"invalid_request_error","param":"prompt","code":"missing_required_parameter"}}"""));
        return null;
    }
}
