using Microsoft.Extensions.Configuration;
using Reelgate.Server.Billing;
using Reelgate.Server.Providers.Routing;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Sequels;

namespace Reelgate.Server.Tests.Tasks.Sequels;

/// Who may serve an extension or a remix (Router.Plan asks SequelRoutes), and what each costs.
public sealed class SequelRoutesTests
{
    static readonly HashSet<string> GeminiTypes = ["text", "first_frame", "first_last", "reference", "extend"];

    static GenerationRequest Extension(string resolution = "720p", int added = 7) =>
        new GenerationRequest("veo-3.1-fast-generate-preview", "p", null, 8 + added, "16:9", resolution, 1280, 720, 24, SequelTypes.Extend, [], 1, 1,
            false, null, "pad", false, null, null)
        { ExtendedFrom = new SequelSource("video_p", "gemini", "op", 8, added) };

    static Candidate Gemini(string upstream = "veo-3.1-fast-generate-preview") => new("gemini", upstream, 0.1, 0, GeminiTypes, 4, true);

    [Theory]
    [InlineData("720p", 7, "veo-3.1-fast-generate-preview", null)]
    [InlineData("1080p", 7, "veo-3.1-fast-generate-preview", "resolution")]
    [InlineData("720p", 5, "veo-3.1-fast-generate-preview", "seconds")]
    [InlineData("720p", 7, "veo-3.0-generate-001", "model")]
    public void Extension_ByGemini_Only720pVeo31AddingSevenSeconds(string resolution, int added, string upstream, string? param)
    {
        var plan = Router.Plan(Extension(resolution, added), [Gemini(upstream)]);
        Assert.Equal(param, plan.Refusal?.Param);
        if (param is not null) Assert.Equal("unsupported_by_providers", plan.Refusal!.Code);
        else Assert.Equal("gemini", Assert.Single(plan.Ordered).Provider);
    }

    [Fact]
    public void Extension_WithNoRemoteProvider_IsTheLocalEngines() =>
        Assert.True(Router.Plan(Extension("1080p", 4), []).Local);

    [Fact]
    public void Remix_GoesOnlyToTheProviderThatMadeTheParent()
    {
        var openAi = new Candidate("openai-compatible", "sora-2", 0.1, 0, new HashSet<string> { "text", "remix" }, 1, true);
        GenerationRequest Remix(string madeBy) => Extension() with
        {
            GenerationType = SequelTypes.Remix,
            ExtendedFrom = null,
            RemixedFrom = new SequelSource("video_p", madeBy, "video_up1", 8),
        };
        Assert.Equal("openai-compatible", Assert.Single(Router.Plan(Remix("openai-compatible"), [openAi]).Ordered).Provider);
        Assert.Equal("id", Router.Plan(Remix("local"), [openAi]).Refusal!.Param);
        Assert.Equal("generation_type", Router.Plan(Remix("gemini"), [Gemini()]).Refusal!.Param);
    }

    [Fact]
    public void Price_OfAnExtension_IsTheAddedSecondsAtTheModelsRate()
    {
        var pricing = new Pricing(new ConfigurationBuilder().Build());
        var extension = Extension(added: 7);
        Assert.Equal(pricing.Price(extension.Model, 7, "720p", false, 1), pricing.Price(extension));
        Assert.NotEqual(pricing.Price(extension.Model, extension.Duration, "720p", false, 1), pricing.Price(extension));
    }
}
