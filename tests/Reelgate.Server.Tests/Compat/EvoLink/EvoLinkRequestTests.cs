using System.Text.Json;
using Reelgate.Server.Catalog;
using Reelgate.Server.Compat.EvoLink;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Tests.Compat.EvoLink;

/// EvoLink's body → draft: its own defaults, its documented ranges, and documented values the
/// model cannot render as asked moved to the nearest one it can.
public sealed class EvoLinkRequestTests
{
    static (GenerationDraft? Draft, ApiError? Error) Parse(string json) =>
        EvoLinkRequest.Parse(RequestFields.FromJson(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void Parse_AppliesEvoLinksDefaults()
    {
        var (d, e) = Parse("""{"prompt":"A cat playing piano"}""");
        Assert.Null(e);
        Assert.Equal(("veo-3.1-fast-generate-preview", 4, "720p", "auto", GenerationTypes.Text), (d!.Model.Id, d.Duration, d.Resolution, d.AspectRatio, d.GenerationType));
        Assert.Equal((true, true, 1, "pad"), (d.GenerateAudio, d.EnhancePrompt, d.N, d.ResizeMode));
    }

    [Theory]
    [InlineData("""{"prompt":"x","quality":"1080p"}""", 8, "1080p")] // Veo 3.1 renders 1080p at 8 s only
    [InlineData("""{"prompt":"x","quality":"4k","duration":6}""", 8, "4k")]
    [InlineData("""{"prompt":"x","model":"veo3","quality":"4k","duration":4}""", 8, "1080p")] // Veo 3 has no 4k
    [InlineData("""{"prompt":"x","quality":"720p","duration":6}""", 6, "720p")]
    public void Parse_MovesADocumentedValueToTheNearestTheModelRenders(string json, int duration, string resolution)
    {
        var (d, e) = Parse(json);
        Assert.Null(e);
        Assert.Equal((duration, resolution), (d!.Duration, d.Resolution));
    }

    [Theory]
    [InlineData(1, null, GenerationTypes.FirstFrame, 4)]
    [InlineData(2, null, GenerationTypes.FirstLast, 8)] // first & last and references render at 8 s only
    [InlineData(3, null, GenerationTypes.Reference, 8)]
    [InlineData(1, "FIRST&LAST", GenerationTypes.FirstFrame, 4)]
    [InlineData(2, "REFERENCE", GenerationTypes.Reference, 8)]
    public void Parse_GenerationTypeFollowsTheImageCount(int images, string? type, string expected, int duration)
    {
        var urls = string.Join(',', Enumerable.Range(0, images).Select(i => $"\"https://example.com/{i}.png\""));
        var typeField = type is null ? "" : $",\"generation_type\":\"{type}\"";
        var (d, e) = Parse($$"""{"prompt":"x","image_urls":[{{urls}}]{{typeField}}}""");
        Assert.Null(e);
        Assert.Equal(expected, d!.GenerationType);
        Assert.Equal(duration, d.Duration);
        Assert.All(d.Images, i => Assert.Equal("image_urls", i.Param));
    }

    [Theory]
    [InlineData("""{"prompt":"x","duration":5}""", "duration")]
    [InlineData("""{"prompt":"x","quality":"480p"}""", "quality")]
    [InlineData("""{"prompt":"x","aspect_ratio":"1:1"}""", "aspect_ratio")]
    [InlineData("""{"prompt":"x","generation_type":"VIDEO"}""", "generation_type")]
    [InlineData("""{"prompt":"x","n":5}""", "n")]
    [InlineData("""{"prompt":"x","seed":0}""", "seed")]
    [InlineData("""{"prompt":"x","seed":4294967296}""", "seed")]
    [InlineData("""{"prompt":"x","resize_mode":"stretch"}""", "resize_mode")]
    [InlineData("""{"prompt":"x","generation_type":"TEXT","image_urls":["https://example.com/a.png"]}""", "image_urls")]
    [InlineData("""{"prompt":"x","generation_type":"FIRST&LAST"}""", "image_urls")]
    [InlineData("""{"prompt":"x","size":"1280x720"}""", "size")]
    [InlineData("""{"model":"veo-9"}""", "model")]
    [InlineData("""{"model":"veo-3.1-fast-generate-preview"}""", "prompt")]
    public void Parse_RefusesWhatTheDocsDoNotAllow(string json, string param)
    {
        var (d, e) = Parse(json);
        Assert.Null(d);
        Assert.Equal((400, param), (e!.Status, e.Param));
    }

    [Fact]
    public void Parse_KeepsEveryDocumentedParameter()
    {
        var (d, e) = Parse("""
            {"model":"veo-3.1-fast-generate-preview","prompt":"A cat playing piano","aspect_ratio":"9:16","enhance_prompt":false,
             "callback_url":"https://example.com/hook","quality":"720p","duration":6,"generate_audio":false,"n":2,
             "negative_prompt":"blurry, low quality","seed":12345,"person_generation":"dont_allow","resize_mode":"crop"}
            """);
        Assert.Null(e);
        Assert.Equal(("9:16", false, "https://example.com/hook", 6, false, 2), (d!.AspectRatio, d.EnhancePrompt, d.CallbackUrl, d.Duration, d.GenerateAudio, d.N));
        Assert.Equal(("blurry, low quality", 12345u, "dont_allow", "crop"), (d.NegativePrompt, d.Seed, d.PersonGeneration, d.ResizeMode));
    }
}
