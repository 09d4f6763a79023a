using System.Text.Json;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Submission;

namespace Reelgate.Server.Tests.Tasks;

/// The pure step of the submission path: a parsed draft and its resolved images to the request
/// stored with the task.
public sealed class TaskRequestsTests
{
    static GenerationDraft Draft(string json) =>
        RequestParser.Parse(RequestFields.FromJson(JsonDocument.Parse(json).RootElement)).Draft!;

    static StoredFile Image(int w, int h) => new()
    {
        Id = $"file_{w}x{h}", AccountId = "a", Filename = "i.png", ContentType = "image/png", Width = w, Height = h, Sha256 = "", StorageKey = "k",
    };

    [Theory]
    [InlineData(1920, 1080, "16:9", 1280, 720)]
    [InlineData(1080, 1920, "9:16", 720, 1280)]
    public void Normalize_DecidesAutoFromTheFirstImage_AndFixesTheSize(int w, int h, string aspect, int width, int height)
    {
        var (request, error) = TaskRequests.Normalize(Draft("""{"prompt":"x","aspect_ratio":"auto","images":["f"]}"""), [Image(w, h)], 42);
        Assert.Null(error);
        Assert.Equal((aspect, width, height, 42u), (request!.AspectRatio, request.Width, request.Height, request.Seed));
        Assert.Equal([$"file_{w}x{h}"], request.ImageFileIds);
    }

    [Fact]
    public void Normalize_ChecksTheModelsRulesOnTheDecidedValues()
    {
        // Veo 3.1's 1080p needs 8 seconds.
        var (request, error) = TaskRequests.Normalize(Draft("""{"model":"veo3.1","prompt":"x","duration":6,"resolution":"1080p"}"""), [], 1);
        Assert.Null(request);
        Assert.Equal((400, "unsupported_combination", "duration"), (error!.Status, error.Code, error.Param));
    }
}
