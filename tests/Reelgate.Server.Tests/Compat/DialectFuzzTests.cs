using System.Text;
using System.Text.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat;

/// Every dialect's creates and reads with random mixes of its own field names and hostile values:
/// whatever the body, the answer is a 2xx or a 4xx in a JSON envelope, never a 5xx. The worker is
/// off (accepted tasks pile up harmlessly) and AceData answers at once instead of waiting.
public sealed class DialectFuzzTests
{
    static readonly object?[] Values =
    [
        null, "", " ", "veo3", "veo3-fast", "veo-2.0-generate-001", "8", "5", "4k", "1080p", "16:9", "9:16", "auto", "TEXT", "REFERENCE",
        "FIRST&LAST", "text2video", "image2video", "get_1080p", "text_to_video", "image_to_video", "VIDEO", "https://127.0.0.1/x.png",
        "data:image/png;base64,AAAA", "video_x", "video_x:9", "\u0000", new string('x', 9000), 0, -1, 4, 8, 4.5, 1e300, long.MaxValue, true, false,
        new object[] { }, new object?[] { null, 1, "a" }, new[] { "https://127.0.0.1/a.png", "https://127.0.0.1/b.png", "c", "d" },
        new { bytesBase64Encoded = "AAAA", mimeType = "image/png" }, new { a = "b" }, new Dictionary<string, object> { ["k"] = new[] { 1 } },
    ];

    sealed record Surface(string Path, string[] Keys, Func<Dictionary<string, object?>, object> Wrap);

    static readonly Surface[] Creates =
    [
        new("/api/generate-video", ["generationType", "prompt", "aspectRatio", "imageUrl", "imageKey", "bogus"], b => b),
        new("/v1/videos/generations", ["model", "prompt", "aspect_ratio", "image_urls", "generation_type", "enhance_prompt", "callback_url", "quality",
            "duration", "generate_audio", "n", "negative_prompt", "seed", "person_generation", "resize_mode", "bogus"], b => b),
        new("/veo/videos", ["action", "model", "prompt", "image_urls", "video_id", "callback_url", "aspect_ratio", "resolution", "async", "bogus"], b => b),
        new("/veo/tasks", ["id", "ids", "action", "bogus"], b => b),
        new("/v1/text_to_video", ["service", "prompt", "duration", "aspectRatio", "version", "webhookUrl", "quality", "image", "bogus"], b => b),
        new("/graphql", ["type", "provider", "input", "options", "text", "duration", "aspectRatio", "version", "quality"], b => new
        {
            query = "mutation Generate($input: GenerateInput!) { generate(input: $input) { id status type provider url metadata creditCost createdAt } }",
            variables = new { input = b },
        }),
        new("/v1beta/models/veo-3.1-generate-preview:predictLongRunning", ["prompt", "image", "lastFrame", "referenceImages", "durationSeconds",
            "aspectRatio", "resolution", "negativePrompt", "seed", "sampleCount", "personGeneration", "generateAudio", "enhancePrompt"],
            b => new { instances = new[] { b }, parameters = b }),
        new("/v1beta1/publishers/google/models/veo-3.1-generate-preview:predictLongRunning", ["prompt", "image", "durationSeconds", "sampleCount"],
            b => new { instances = new[] { b }, parameters = b }),
        new("/v1beta1/publishers/google/models/veo-3.1-generate-preview:fetchPredictOperation", ["operationName", "bogus"], b => b),
    ];

    static readonly string[] Reads =
    [
        "/api/video-status/{0}", "/v1/tasks/{0}", "/v1/text_to_video/{0}", "/v1beta/models/veo3/operations/{0}", "/links/{0}/0/video.mp4?expires=1&signature=x",
    ];

    [Fact]
    public async Task RandomBodies_OnEveryDialect_NeverGet5xx()
    {
        await using var server = new ServerProcess(new() { ["Worker__Enabled"] = "false", ["Compat__AceData__WaitSeconds"] = "0" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var random = new Random(20261202);
        for (var i = 0; i < 450; i++)
        {
            var surface = Creates[i % Creates.Length];
            var body = new Dictionary<string, object?>();
            for (var k = random.Next(0, 6); k > 0; k--) body[surface.Keys[random.Next(surface.Keys.Length)]] = Values[random.Next(Values.Length)];
            if (random.Next(3) > 0) body["prompt"] = "fuzz";
            var json = random.Next(10) == 0 ? "{\"prompt\":" : JsonSerializer.Serialize(surface.Wrap(body));
            var res = await api.PostAsync(surface.Path, new StringContent(json, Encoding.UTF8, "application/json"));
            var text = await res.Content.ReadAsStringAsync();
            Assert.True((int)res.StatusCode < 500, $"{(int)res.StatusCode} from {surface.Path} for {json}: {text}");
            if (!res.IsSuccessStatusCode) JsonDocument.Parse(text); // an envelope, whatever its shape
        }
        foreach (var read in Reads)
            foreach (var id in new[] { "x", "video_", "video_0000", "%00", "..%2f..", new string('a', 3000), "video_x:1" })
            {
                var res = await api.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, read, id));
                Assert.True((int)res.StatusCode is >= 400 and < 500, $"{(int)res.StatusCode} from {read} for {id}");
            }
    }
}
