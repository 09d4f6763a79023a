using Reelgate.Server.Providers;
using Reelgate.Server.Tasks.Sequels;
using static Reelgate.Server.Tests.Providers.Veo.VeoFake;

namespace Reelgate.Server.Tests.Providers.Veo;

/// A Veo 3.1 extension through the Gemini adapter: the parent travels in `instances[0].video`
/// as @google/genai sends video bytes to the Gemini API, with the parameters Google allows for it.
public sealed class GeminiExtensionTests
{
    [Fact]
    public async Task Submit_OfAnExtension_SendsTheParentVideoAsEncodedVideo_At720pWithOneSample()
    {
        await using var api = Start();
        var parent = await VeoTestData.VideoAsync();
        api.Vars["PARENT_VIDEO"] = Convert.ToBase64String(parent);
        api.Expect("POST", "/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning", Reply.Json("gemini/operation-created.json"),
            new Dictionary<string, string> { ["x-goog-api-key"] = GeminiProviderTests.Key }, "gemini/request-extend.json");
        var (provider, _) = GeminiProviderTests.Create(api.BaseUrl);
        var work = VeoTestData.NewWorkDir();
        await File.WriteAllBytesAsync(SequelRun.ParentPath(work), parent);
        var request = VeoTestData.Request() with
        {
            Prompt = "The lighthouse beam sweeps over the sea",
            GenerationType = SequelTypes.Extend,
            Resolution = "720p",
            Width = 1280,
            Height = 720,
            Duration = 15,
            ExtendedFrom = new SequelSource("video_parent", "gemini", "models/veo-3.1-fast-generate-preview/operations/p1", 8, 7),
        };

        var operation = await provider.SubmitAsync(new ProviderJob("task_extend", request, [], work), new UpstreamModel("veo-3.1-fast-generate-preview", true), default);

        api.Verify();
        Assert.Equal("models/veo-3.1-fast-generate-preview/operations/k3xq7v2m9p1a", operation);
    }
}
