using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Tasks;

/// Random mixes of real parameter names and hostile values: whatever the body, the answer is a
/// 2xx or a problem+json 4xx naming a code, never a 5xx. The worker is off so accepted tasks pile up harmlessly.
public sealed class FuzzTests
{
    static readonly string[] Keys =
    [
        "model", "prompt", "negative_prompt", "duration", "seconds", "aspect_ratio", "resolution", "size", "fps",
        "generation_type", "images", "image_urls", "input_reference", "seed", "n", "generate_audio", "person_generation",
        "resize_mode", "enhance_prompt", "callback_url", "metadata", "bogus",
    ];

    static readonly object?[] Values =
    [
        null, "", " ", "veo3", "veo-2.0-generate-001", "8", "4k", "16:9", "auto", "1280x720", "reference", "first_last",
        "https://127.0.0.1/x.png", "data:image/png;base64,AAAA", "data:,", "file_x", "\u0000", new string('x', 9000),
        0, -1, 8, 4.5, 1e300, long.MaxValue, true, false, new object[] { }, new object?[] { null, 1, "a" },
        new { image_url = 5 }, new { a = "b" }, new Dictionary<string, object> { ["k"] = new[] { 1 } },
    ];

    [Fact]
    public async Task RandomBodies_NeverGet5xx()
    {
        await using var server = new ServerProcess(new() { ["Worker__Enabled"] = "false" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var random = new Random(20261121);
        for (var i = 0; i < 400; i++)
        {
            var body = new Dictionary<string, object?>();
            for (var k = random.Next(0, 6); k > 0; k--) body[Keys[random.Next(Keys.Length)]] = Values[random.Next(Values.Length)];
            if (random.Next(3) > 0) body["prompt"] = "fuzz";
            HttpContent content = random.Next(4) == 0
                ? Form(body)
                : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            var res = await api.PostAsync("/v1/videos", content);
            var text = await res.Content.ReadAsStringAsync();
            Assert.True((int)res.StatusCode < 500, $"{(int)res.StatusCode} for {JsonSerializer.Serialize(body)}: {text}");
            if (!res.IsSuccessStatusCode)
                Assert.Contains("\"code\"", text);
        }
        foreach (var raw in new[] { "", "null", "\"s\"", "{\"prompt\":", "{\"prompt\":\"x\",}", "\uFEFF{}", "{\"prompt\":\"\\ud800\"}" })
        {
            var res = await api.PostAsync("/v1/videos", new StringContent(raw, Encoding.UTF8, "application/json"));
            Assert.True((int)res.StatusCode is >= 400 and < 500 or 202, $"{(int)res.StatusCode} for {raw}");
        }
    }

    static MultipartFormDataContent Form(Dictionary<string, object?> body)
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in body)
            form.Add(new StringContent(v switch { null => "", string s => s, _ => JsonSerializer.Serialize(v) }), k);
        var junk = new ByteArrayContent(Encoding.UTF8.GetBytes("GIF89a not really"));
        junk.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(junk, "images", "x.png");
        return form;
    }
}
