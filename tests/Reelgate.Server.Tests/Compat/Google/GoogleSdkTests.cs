using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Google;

/// The official @google/genai SDK, unchanged but for its base URL and key, in the Gemini API and
/// the Vertex AI modes: generateVideos (text, first + last frame, reference images, first frame
/// with seed), getVideosOperation until done, ai.files.download to MP4s that ffprobe accepts.
[Collection(SharedServerCollection.Name)]
public sealed class GoogleSdkTests(SharedServer shared)
{
    [Fact]
    public async Task GoogleSdk_GeminiAndVertexModes_GenerateAndDownloadPlayableVideos()
    {
        var dir = Directory.CreateTempSubdirectory("google-sdk-").FullName;
        var (key, files) = await GoogleSdk.RunAsync(shared.Server, "all", dir);

        Assert.Equal(["gemini-first-last", "gemini-reference", "gemini-text", "vertex-express", "vertex-project", "vertex-project"],
            files.Select(f => f.Label).Order());
        var client = shared.Server.ClientFor(key);
        foreach (var file in files)
        {
            var probe = await Ffprobe.ProbeAsync(await File.ReadAllBytesAsync(file.Path));
            Assert.Equal("h264", probe.Stream("video")!.Str("codec_name"));
            var task = await (await client.GetAsync($"/v1/videos/{file.TaskId}")).Json();
            Assert.Equal(file.Label.StartsWith("gemini", StringComparison.Ordinal) ? "gemini" : "vertex", task.Str("dialect"));
            Assert.Equal("completed", task.Str("status"));
        }
        var vertical = await (await client.GetAsync($"/v1/videos/{files.Single(f => f.Label == "vertex-express").TaskId}")).Json();
        Assert.Equal(("720x1280", "first_frame"), (vertical.Str("size"), vertical.Str("generation_type")));
        var reference = await (await client.GetAsync($"/v1/videos/{files.Single(f => f.Label == "gemini-reference").TaskId}")).Json();
        Assert.Equal("reference", reference.Str("generation_type"));
        Directory.Delete(dir, recursive: true);
    }
}
