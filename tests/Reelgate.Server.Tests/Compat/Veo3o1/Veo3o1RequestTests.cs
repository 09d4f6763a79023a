using System.Text.Json;
using Reelgate.Server.Catalog;
using Reelgate.Server.Compat.Veo3o1;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Tests.Compat.Veo3o1;

public sealed class Veo3o1RequestTests
{
    const string Origin = "http://127.0.0.1:5000";

    static (GenerationDraft? Draft, ApiError? Error) Parse(string json) =>
        Veo3o1Request.Parse(RequestFields.FromJson(JsonDocument.Parse(json).RootElement), Origin);

    [Fact]
    public void Parse_SeedExample_IsTextToVideoAtTheModelsDefaults()
    {
        var (d, e) = Parse("""{"generationType":"text_to_video","prompt":"A beautiful sunset over the ocean with waves gently lapping the shore","aspectRatio":"16:9"}""");
        Assert.Null(e);
        Assert.Equal((ModelCatalog.DefaultModel, GenerationTypes.Text, "16:9", 0), (d!.Model.Id, d.GenerationType, d.AspectRatio, d.Images.Count));
    }

    [Fact]
    public void Parse_ImageKeyWins_AndOurOwnImageUrlIsTheUploadedFile()
    {
        var (byKey, _) = Parse("""{"generationType":"image_to_video","prompt":"x","imageUrl":"https://elsewhere.example/a.png","imageKey":"file_1"}""");
        Assert.Equal(("imageKey", "file_1"), (byKey!.Images[0].Param, byKey.Images[0].FileId));
        var (byUrl, _) = Parse($$"""{"generationType":"image_to_video","prompt":"x","imageUrl":"{{Origin}}/v1/files/file_2/content"}""");
        Assert.Equal(("imageUrl", "file_2", null), (byUrl!.Images[0].Param, byUrl.Images[0].FileId, byUrl.Images[0].Url));
        var (remote, _) = Parse("""{"generationType":"image_to_video","prompt":"x","imageUrl":"https://elsewhere.example/a.png"}""");
        Assert.Equal(("https://elsewhere.example/a.png", GenerationTypes.FirstFrame, "auto"), (remote!.Images[0].Url, remote.GenerationType, remote.AspectRatio));
    }

    [Theory]
    [InlineData("""{"prompt":"x"}""", "generationType")]
    [InlineData("""{"generationType":"video","prompt":"x"}""", "generationType")]
    [InlineData("""{"generationType":"text_to_video","prompt":"x","aspectRatio":"1:1"}""", "aspectRatio")]
    [InlineData("""{"generationType":"image_to_video","prompt":"x"}""", "imageUrl")]
    [InlineData("""{"generationType":"text_to_video","prompt":"x","imageUrl":"https://example.com/a.png"}""", "imageUrl")]
    [InlineData("""{"generationType":"text_to_video","prompt":""}""", "prompt")]
    [InlineData("""{"generationType":"text_to_video","prompt":"x","duration":4}""", "duration")]
    public void Parse_RefusesWithTheDialectsFieldNames(string json, string param)
    {
        var (d, e) = Parse(json);
        Assert.Null(d);
        Assert.Equal((400, 1000, param), (e!.Status, Veo3o1Envelope.CodeOf(e), e.Param));
    }
}
