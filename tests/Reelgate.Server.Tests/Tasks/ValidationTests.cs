using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Tasks;

[Collection(SharedServerCollection.Name)]
public sealed class ValidationTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    [Theory]
    [InlineData("{", 400, "invalid_json", null)]
    [InlineData("[1,2]", 400, "invalid_json", null)]
    [InlineData("{}", 400, "missing_parameter", "prompt")]
    [InlineData("""{"prompt":"   "}""", 400, "missing_parameter", "prompt")]
    [InlineData("""{"prompt":5}""", 400, "invalid_type", "prompt")]
    [InlineData("""{"prompt":"x","duration":"eight"}""", 400, "invalid_type", "duration")]
    [InlineData("""{"prompt":"x","duration":5}""", 400, "unsupported_value", "duration")]
    [InlineData("""{"prompt":"x","duration":4.5}""", 400, "invalid_type", "duration")]
    [InlineData("""{"prompt":"x","seconds":"6","duration":8}""", 400, "conflicting_parameters", "seconds")]
    [InlineData("""{"prompt":"x","model":"sora-9"}""", 400, "unknown_model", "model")]
    [InlineData("""{"prompt":"x","resolution":"8k"}""", 400, "invalid_enum", "resolution")]
    [InlineData("""{"prompt":"x","aspect_ratio":"4:3"}""", 400, "invalid_enum", "aspect_ratio")]
    [InlineData("""{"prompt":"x","size":"640x480"}""", 400, "invalid_enum", "size")]
    [InlineData("""{"prompt":"x","size":"1280x720","resolution":"1080p"}""", 400, "conflicting_parameters", "size")]
    [InlineData("""{"prompt":"x","fps":12}""", 400, "unsupported_value", "fps")]
    [InlineData("""{"prompt":"x","generation_type":"dream"}""", 400, "invalid_enum", "generation_type")]
    [InlineData("""{"prompt":"x","generation_type":"first_frame"}""", 400, "invalid_image_count", "images")]
    [InlineData("""{"prompt":"x","images":["file_nope"],"generation_type":"text"}""", 400, "invalid_image_count", "images")]
    [InlineData("""{"prompt":"x","images":[1]}""", 400, "invalid_type", "images")]
    [InlineData("""{"prompt":"x","images":["file_nope"]}""", 400, "file_not_found", "images")]
    [InlineData("""{"prompt":"x","image_urls":["ftp://example.com/a.png"]}""", 400, "image_url_invalid", "image_urls")]
    [InlineData("""{"prompt":"x","images":["data:image/png;base64,@@@"]}""", 400, "data_url_invalid_base64", "images")]
    [InlineData("""{"prompt":"x","seed":0}""", 400, "out_of_range", "seed")]
    [InlineData("""{"prompt":"x","seed":4294967296}""", 400, "out_of_range", "seed")]
    [InlineData("""{"prompt":"x","n":5}""", 400, "out_of_range", "n")]
    [InlineData("""{"prompt":"x","generate_audio":"yes"}""", 400, "invalid_type", "generate_audio")]
    [InlineData("""{"prompt":"x","model":"veo3.1-lite","resolution":"4k"}""", 400, "unsupported_value", "resolution")]
    [InlineData("""{"prompt":"x","model":"veo3.1-lite","generation_type":"reference","images":["file_a"]}""", 400, "unsupported_value", "generation_type")]
    [InlineData("""{"prompt":"x","model":"veo3.1-lite","aspect_ratio":"1:1"}""", 400, "unsupported_value", "aspect_ratio")]
    [InlineData("""{"prompt":"x","resolution":"1080p","duration":4}""", 400, "unsupported_combination", "duration")]
    [InlineData("""{"prompt":"x","resolution":"4k","duration":6}""", 400, "unsupported_combination", "duration")]
    [InlineData("""{"prompt":"x","person_generation":"everyone"}""", 400, "invalid_enum", "person_generation")]
    [InlineData("""{"prompt":"x","resize_mode":"stretch"}""", 400, "invalid_enum", "resize_mode")]
    [InlineData("""{"prompt":"x","callback_url":"http://example.com/hook"}""", 400, "invalid_callback_url", "callback_url")]
    [InlineData("""{"prompt":"x","metadata":{"a":1}}""", 400, "invalid_type", "metadata")]
    [InlineData("""{"prompt":"x","colour":"red"}""", 400, "unknown_parameter", "colour")]
    public async Task Create_WithBadInput_Returns4xxProblemNamingTheParameter(string body, int status, string code, string? param)
    {
        var api = await server.NewAccountAsync();
        var res = await api.PostJson("/v1/videos", body);
        await AssertProblem(res, status, code, param);
    }

    [Fact]
    public async Task Create_WithPromptOverTokenLimit_Returns400()
    {
        var api = await server.NewAccountAsync();
        var res = await api.PostJson("/v1/videos", $$"""{"prompt":"{{string.Join(' ', Enumerable.Repeat("word", 2001))}}"}""");
        await AssertProblem(res, 400, "prompt_too_long", "prompt");
    }

    [Fact]
    public async Task Create_WithReferenceInPortrait_BreaksTheModelRule()
    {
        var api = await server.NewAccountAsync();
        var png = Convert.ToBase64String(await Ffprobe.MakeImageAsync(64, 36, "png"));
        var res = await api.PostJson("/v1/videos",
            $$"""{"prompt":"x","generation_type":"reference","aspect_ratio":"9:16","images":["data:image/png;base64,{{png}}"]}""");
        await AssertProblem(res, 400, "unsupported_combination", "aspect_ratio");
    }

    [Fact]
    public async Task Create_WithOversizedBody_Returns413_WithWrongContentType_Returns415()
    {
        var api = await server.NewAccountAsync();
        var huge = new ByteArrayContent(new byte[65 * 1024 * 1024]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // With Expect: 100-continue the server refuses on the announced length, before any body is sent.
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = huge };
        request.Headers.ExpectContinue = true;
        await AssertProblem(await api.SendAsync(request), 413, "request_too_large", null);
        var text = new StringContent("prompt=x", Encoding.UTF8, "text/plain");
        await AssertProblem(await api.PostAsync("/v1/videos", text), 415, "unsupported_media_type", "Content-Type");
    }

    [Theory]
    [InlineData("/v1/videos?limit=0", "limit")]
    [InlineData("/v1/videos?limit=abc", "limit")]
    [InlineData("/v1/videos?order=sideways", "order")]
    [InlineData("/v1/videos?status=done", "status")]
    [InlineData("/v1/videos/video_x/content?variant=gif", "variant")]
    public async Task Queries_WithBadValues_Return400(string url, string param)
    {
        var api = await server.NewAccountAsync();
        await AssertProblem(await api.GetAsync(url), 400, null, param);
    }

    internal static async Task AssertProblem(HttpResponseMessage res, int status, string? code, string? param)
    {
        var body = await res.Json();
        Assert.True(status == (int)res.StatusCode, $"expected {status}, got {(int)res.StatusCode}: {body.ToJsonString()}");
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        if (code is not null) Assert.Equal(code, body.Str("code"));
        Assert.Equal(param, body["param"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body.Str("message")));
        Assert.StartsWith("req_", body.Str("trace_id"));
        Assert.Equal(body.Str("trace_id"), res.Headers.GetValues("X-Request-Id").Single());
    }
}
