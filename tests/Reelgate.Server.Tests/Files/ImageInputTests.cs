using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reelgate.Server.Tests.Support;
using Reelgate.Server.Tests.Tasks;

namespace Reelgate.Server.Tests.Files;

[Collection(SharedServerCollection.Name)]
public sealed class ImageInputTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    public async Task Upload_RecognisesImagesByContent_AndProbesThem(string ext, string type)
    {
        var api = await server.NewAccountAsync();
        var bytes = await Ffprobe.MakeImageAsync(320, 240, ext);
        var res = await api.PostAsync("/v1/files", new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "misnamed.gif" } });
        var file = await res.Json();
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        Assert.Equal(type, file.Str("content_type"));
        Assert.Equal(320, file["width"]!.GetValue<int>());
        Assert.Equal(240, file["height"]!.GetValue<int>());
        Assert.Equal(bytes.Length, file["bytes"]!.GetValue<int>());
        Assert.Equal(bytes, await api.GetByteArrayAsync($"/v1/files/{file.Str("id")}/content"));
    }

    [Fact]
    public async Task Upload_RejectsNonImages_Oversized_AndMissingPart()
    {
        var api = await server.NewAccountAsync();
        var text = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("not an image at all")), "file", "photo.png" } };
        await ValidationTests.AssertProblem(await api.PostAsync("/v1/files", text), 400, "invalid_image", "file");
        var fakePng = (await Ffprobe.MakeImageAsync(64, 64, "png"))[..40]; // right magic, truncated body
        await ValidationTests.AssertProblem(await api.PostAsync("/v1/files", new MultipartFormDataContent { { new ByteArrayContent(fakePng), "file", "x.png" } }), 400, "invalid_image", "file");
        var big = new byte[11 * 1024 * 1024];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(big, 0);
        await ValidationTests.AssertProblem(await api.PostAsync("/v1/files", new MultipartFormDataContent { { new ByteArrayContent(big), "file", "big.png" } }), 413, "image_too_large", "file");
        await ValidationTests.AssertProblem(await api.PostAsync("/v1/files", new MultipartFormDataContent { { new StringContent("x"), "purpose" } }), 400, "missing_parameter", "file");
    }

    [Fact]
    public async Task FirstFrame_FromFileId_AndAutoAspect_FollowsAPortraitImage()
    {
        var api = await server.NewAccountAsync();
        var portrait = await Ffprobe.MakeImageAsync(360, 640, "jpg");
        var file = await (await api.PostAsync("/v1/files", new MultipartFormDataContent { { new ByteArrayContent(portrait), "file", "p.jpg" } })).Json();
        var task = await api.CreateVideoAsync(new { prompt = "the picture comes alive, zoom in", images = new[] { file.Str("id") }, aspect_ratio = "auto", duration = 4 });
        Assert.Equal("first_frame", task.Str("generation_type"));
        Assert.Equal("9:16", task.Str("aspect_ratio"));
        var done = await api.WaitAsync(task.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        var probe = await Ffprobe.ProbeAsync(await api.GetByteArrayAsync(done["outputs"]![0]!.Str("url")));
        Assert.Equal(720, probe.Stream("video")!["width"]!.GetValue<int>());
        Assert.Equal(1280, probe.Stream("video")!["height"]!.GetValue<int>());
    }

    [Fact]
    public async Task FirstAndLast_FromDataUrlAndHttpUrl_Renders()
    {
        var api = await server.NewAccountAsync();
        var first = Convert.ToBase64String(await Ffprobe.MakeImageAsync(640, 360, "png"));
        var last = await Ffprobe.MakeImageAsync(640, 360, "webp");
        await using var host = await ImageHost.StartAsync(last);
        var task = await api.CreateVideoAsync(new
        {
            prompt = "from one frame to the other", duration = 8, generation_type = "first_last", generate_audio = false,
            image_urls = new[] { $"data:image/png;base64,{first}", host.Url },
        });
        Assert.Equal(2, task["images"]!.AsArray().Count);
        var done = await api.WaitAsync(task.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        Assert.InRange(done["outputs"]![0]!["metadata"]!["duration"]!.GetValue<double>(), 7.9, 8.2);
    }

    [Fact]
    public async Task Reference_WithThreeMultipartImages_Renders_AndFourAreRejected()
    {
        var api = await server.NewAccountAsync();
        var img = await Ffprobe.MakeImageAsync(200, 200, "png");
        MultipartFormDataContent Form(int images)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("three characters in a sunny park"), "prompt" },
                { new StringContent("reference"), "generation_type" },
                { new StringContent("8"), "seconds" },
                { new StringContent("false"), "generate_audio" },
            };
            for (var i = 0; i < images; i++)
            {
                var part = new ByteArrayContent(img);
                part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                form.Add(part, "images", $"ref{i}.png");
            }
            return form;
        }
        await ValidationTests.AssertProblem(await api.PostAsync("/v1/videos", Form(4)), 400, "invalid_image_count", "images");
        var res = await api.PostAsync("/v1/videos", Form(3));
        var task = await res.Json();
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        Assert.Equal("reference", task.Str("generation_type"));
        Assert.Equal("completed", (await api.WaitAsync(task.Str("id"))).Str("status"));
    }

    [Fact]
    public async Task ImageUrl_ThatIsNotAnImage_OrMissing_IsRejected()
    {
        var api = await server.NewAccountAsync();
        await using var host = await ImageHost.StartAsync(Encoding.UTF8.GetBytes("<html>nope</html>"));
        await ValidationTests.AssertProblem(await api.PostJson("/v1/videos", $$"""{"prompt":"x","image_urls":["{{host.Url}}"]}"""), 400, "invalid_image", "image_urls");
        await ValidationTests.AssertProblem(await api.PostJson("/v1/videos", $$"""{"prompt":"x","image_urls":["{{host.Url}}missing"]}"""), 400, "image_fetch_failed", "image_urls");
    }

    [Fact]
    public async Task Files_CanBeReadAndDeleted_ThenAreGone()
    {
        var api = await server.NewAccountAsync();
        var bytes = await Ffprobe.MakeImageAsync(64, 64, "png");
        var file = await (await api.PostAsync("/v1/files", new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "a.png" } })).Json();
        var id = file.Str("id");
        Assert.Equal("a.png", (await (await api.GetAsync($"/v1/files/{id}")).Json()).Str("filename"));
        Assert.True((await (await api.DeleteAsync($"/v1/files/{id}")).Json())["deleted"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/v1/files/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/v1/files/{id}/content")).StatusCode);
        Assert.Empty(await server.KeysAsync($"files/{id}"));
    }

    [Fact]
    public async Task MultipartCreate_WithOpenAiImageUrlField_FetchesTheImage()
    {
        var api = await server.NewAccountAsync();
        await using var host = await ImageHost.StartAsync(await Ffprobe.MakeImageAsync(320, 180, "jpg"));
        var form = new MultipartFormDataContent
        {
            { new StringContent("veo-3.1-fast"), "model" },
            { new StringContent("a picture that moves"), "prompt" },
            { new StringContent("4"), "seconds" },
            { new StringContent("1280x720"), "size" },
            { new StringContent(host.Url), "input_reference[image_url]" },
        };
        var res = await api.PostAsync("/v1/videos", form);
        var task = await res.Json();
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        Assert.Equal("first_frame", task.Str("generation_type"));
        Assert.Single(task["images"]!.AsArray());
    }
}
