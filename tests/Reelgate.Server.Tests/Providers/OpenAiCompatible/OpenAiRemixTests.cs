using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.OpenAiCompatible;
using Reelgate.Server.Tasks.Sequels;

namespace Reelgate.Server.Tests.Providers.OpenAiCompatible;

/// A remix of a video this upstream made is OpenAI's `POST /v1/videos/{id}/remix {prompt}`.
public sealed class OpenAiRemixTests : IAsyncLifetime
{
    ScriptedUpstream api = null!;

    public async Task InitializeAsync() => api = await FakeVideosApi.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Submit_OfARemix_PostsThePromptToTheParentsUpstreamVideo_AndNoNewVideo()
    {
        var options = new OpenAiCompatibleOptions { BaseUrl = api.BaseUrl, ApiKey = FakeVideosApi.Key, PollSeconds = 5, TimeoutSeconds = 5 };
        var provider = new OpenAiCompatibleProvider(new HttpClient(), Options.Create(options), new FfmpegRunner(), new ListLogger<OpenAiCompatibleProvider>());
        var request = TestJobs.Request() with { GenerationType = SequelTypes.Remix, RemixedFrom = new SequelSource("video_parent", "openai-compatible", "video_up7", 8) };

        var operation = await provider.SubmitAsync(TestJobs.Job(request), new UpstreamModel("sora-2", true), default);

        Assert.Equal(FakeVideosApi.VideoId, operation);
        Assert.Empty(api.RequestsTo(FakeVideosApi.Submit));
        var remix = Assert.Single(api.RequestsTo(FakeVideosApi.Remix));
        Assert.Equal("/v1/videos/video_up7/remix", remix.Path);
        Assert.Equal($"Bearer {FakeVideosApi.Key}", remix.Authorization);
        Assert.Equal(TestJobs.Prompt, JsonNode.Parse(remix.Text)!["prompt"]!.GetValue<string>());
    }
}
