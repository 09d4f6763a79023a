using Reelgate.Server.Compat.Doitong;

namespace Reelgate.Server.Tests.Compat.Doitong;

/// Doitong request → draft, pure: defaults, the duration mapping, the model names.
public sealed class DoitongRequestsTests
{
    static DoitongRequest Request(string? service = "veo3", long? duration = null, string? quality = null, string? version = null, string? type = null) =>
        new(type, service, "a lake at sunset", [], duration, null, version, quality, null, DoitongNames.Rest);

    [Theory]
    [InlineData("veo3", null, null, 6)]      // the seed's default 5 on a 4/6/8 s model: a tie, taken up
    [InlineData("veo3", 5L, "high", 8)]      // 1080p on Veo 3 needs 8 s
    [InlineData("veo3", 7L, null, 8)]        // a tie again: up
    [InlineData("veo3", 3L, null, 4)]
    [InlineData("veo3.1-fast", 9L, null, 8)]
    public void Duration_IsTheNearestTheModelRenders_TiesUp(string service, long? duration, string? quality, int expected)
    {
        var (draft, error) = DoitongRequests.ToDraft(Request(service, duration, quality));
        Assert.Null(error);
        Assert.Equal(expected, draft!.Duration);
    }

    [Fact]
    public void Defaults_Are16x9_720p_AndTheServiceIsRemembered()
    {
        var (draft, _) = DoitongRequests.ToDraft(Request(service: null));
        Assert.Equal(("16:9", "720p", "veo3"), (draft!.AspectRatio, draft.Resolution, draft.Metadata![DoitongRequests.ServiceKey]));
    }

    [Theory]
    [InlineData("sora", null, null, null, "service", "unknown_model")]
    [InlineData("veo3", "veo-9", null, null, "version", "unknown_model")]
    [InlineData("veo3", null, "cinematic", null, "quality", "invalid_enum")]
    [InlineData("veo3", null, null, "IMAGE", "type", "unsupported_value")]
    public void Refusals_NameTheDoitongField(string service, string? version, string? quality, string? type, string param, string code)
    {
        var (_, error) = DoitongRequests.ToDraft(Request(service, version: version, quality: quality, type: type));
        Assert.Equal((400, param, code), (error!.Status, error.Param, error.Code));
    }
}
