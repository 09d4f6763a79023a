using Reelgate.Server.Providers.Routing;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Tests.Providers.Routing;

public sealed class RouterTests
{
    static readonly HashSet<string> All = ["text", "first_frame", "first_last", "reference"];

    static GenerationRequest Request(string type = "text", int n = 1, bool audio = false) =>
        new("veo-3.1-fast-generate-preview", "p", null, 8, "16:9", "720p", 1280, 720, 24, type, [], 1, n, audio, null, "pad", false, null, null);

    static Candidate C(string name, double cost, int order, int maxN = 4, bool audio = true, IReadOnlySet<string>? types = null) =>
        new(name, name + "-model", cost, order, types ?? All, maxN, audio);

    [Fact]
    public void Cheapest_First_ThenConfiguredOrder()
    {
        var order = Router.Order(Request(), [C("gemini", 0.4, 0), C("vertex", 0.4, 1), C("comfyui", 0.05, 2)]);
        Assert.Equal(["comfyui", "gemini", "vertex"], order.Select(c => c.Provider));
    }

    [Theory]
    [InlineData("reference", 1, false, "comfyui does not do reference")]
    [InlineData("text", 2, false, "comfyui makes at most 1 video(s) per task")]
    [InlineData("text", 1, true, "comfyui has no audio for comfyui-model")]
    [InlineData("first_frame", 1, false, null)]
    public void Fits_ExplainsWhatACandidateCannotDo(string type, int n, bool audio, string? why)
    {
        var comfy = C("comfyui", 0, 0, maxN: 1, audio: false, types: new HashSet<string> { "text", "first_frame" });
        Assert.Equal(why, Router.Fits(comfy, Request(type, n, audio)));
        Assert.Equal(why is null ? 1 : 0, Router.Order(Request(type, n, audio), [comfy]).Count);
    }

    [Fact]
    public void AFixedRateProvider_ServesOnlyThatRate_SoTheOutputCheckNeverFailsItAfterTheRender()
    {
        var veo = new Candidate("gemini", "veo", 0.4, 0, All, 4, true, OnlyFps: 24);
        Assert.Null(Router.Fits(veo, Request()));
        var thirty = Request() with { Fps = 30 };
        Assert.Equal("gemini renders only 24 fps", Router.Fits(veo, thirty));
        Assert.Equal(["comfyui"], Router.Order(thirty, [veo, C("comfyui", 0.9, 1)]).Select(c => c.Provider));
        Assert.Equal("fps", Router.Plan(thirty, [veo]).Refusal!.Param);
    }

    [Fact]
    public void Create_RefusesWhatNoConfiguredProviderCanDo_NamingTheParameter()
    {
        var comfy = C("comfyui", 0, 0, maxN: 1, audio: false, types: new HashSet<string> { "text" });
        var error = Router.Plan(Request(n: 2), [comfy]).Refusal!;
        Assert.Equal((400, "unsupported_by_providers", "n"), (error.Status, error.Code, error.Param));
        Assert.Contains("at most 1", error.Message);
        Assert.True(Router.Plan(Request(n: 2), []).Local);               // no remote provider: the local engine serves it
        Assert.Null(Router.Plan(Request(n: 2), [comfy, C("gemini", 1, 1)]).Refusal);
    }

    [Theory]
    [InlineData(460_800, 2, 2, 460_800, 0)]
    [InlineData(460_800, 1, 2, 230_400, 230_400)]
    [InlineData(100, 1, 3, 33, 67)]
    [InlineData(100, 0, 0, 100, 0)]   // the local engine: no share given, the full price
    public void Settlement_ChargesTheShareDelivered(long price, int delivered, int requested, long charged, long refunded) =>
        Assert.Equal((charged, refunded), Reelgate.Server.Billing.Settlement.Split(price, delivered, requested));
}
