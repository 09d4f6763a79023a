using System.Text.Json.Nodes;
using Reelgate.Server.Providers.ComfyUi;
using Reelgate.Server.Tests.Providers.OpenAiCompatible;

namespace Reelgate.Server.Tests.Providers.ComfyUi;

/// Placeholders filled on the parsed tree, and the shipped templates.
public sealed class WorkflowTemplateTests
{
    const string Small = """
        {
          "5": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}}", "clip": ["2", 0], "_note": "a {{prompt}}"}},
          "7": {"class_type": "EmptyHunyuanLatentVideo", "inputs": {"width": "{{width}}", "height": "{{height}}", "length": "{{frames_4n1}}", "batch_size": 1}},
          "8": {"class_type": "KSampler", "inputs": {"seed": "{{seed}}", "negative": "{{negative_prompt}}"}}
        }
        """;

    static JsonNode Template(string name) =>
        WorkflowTemplate.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Providers", "ComfyUi", "Templates", name)));

    [Theory]
    [InlineData("wan2.1-t2v.json", "prompt-request-wan.json", 16, "blurry, text", 42u, null)]
    [InlineData("ltxv-i2v.json", "prompt-request-ltxv.json", 24, null, uint.MaxValue, "reelgate-task_cmf1-0.png")]
    public void Fill_ShippedTemplate_GivesTheRecordedWorkflow(string template, string expected, int fps, string? negative, uint seed, string? image)
    {
        var request = TestJobs.Request(duration: 5, fps: fps, negative: negative, seed: seed);

        var filled = WorkflowTemplate.Fill(Template(template), WorkflowTemplate.Values(request, image, null));

        Assert.True(JsonNode.DeepEquals(Recorded.Json($"ComfyUi/{expected}")["prompt"], filled), filled.ToJsonString());
    }

    [Fact]
    public void Fill_NumbersBecomeJsonNumbers_TextStaysText()
    {
        var filled = WorkflowTemplate.Fill(JsonNode.Parse(Small)!, WorkflowTemplate.Values(TestJobs.Request(duration: 5, fps: 16, seed: 42), null, null));

        Assert.Equal("""{"width":1280,"height":720,"length":81,"batch_size":1}""", filled["7"]!["inputs"]!.ToJsonString());
        Assert.Equal(42u, filled["8"]!["inputs"]!["seed"]!.GetValue<uint>());
        Assert.Equal("", filled["8"]!["inputs"]!["negative"]!.GetValue<string>());
    }

    [Fact]
    public void Fill_PromptWithQuotesAndNewlines_IsOneStringAndTheShapeHolds()
    {
        const string hostile = "say \"}, \"9\": {\"class_type\": \"Evil\"}\nand \\ then {{seed}}";
        var request = TestJobs.Request() with { Prompt = hostile };

        var wire = WorkflowTemplate.Fill(JsonNode.Parse(Small)!, WorkflowTemplate.Values(request, null, null)).ToJsonString();
        var back = JsonNode.Parse(wire)!.AsObject();

        Assert.Equal(["5", "7", "8"], back.Select(kv => kv.Key));
        Assert.Equal(hostile, back["5"]!["inputs"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Fill_PromptThatLooksLikeAPlaceholder_IsNotFilledAgain()
    {
        var request = TestJobs.Request() with { Prompt = "{{seed}}" };

        var filled = WorkflowTemplate.Fill(JsonNode.Parse(Small)!, WorkflowTemplate.Values(request, null, null));

        Assert.Equal("{{seed}}", filled["5"]!["inputs"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Fill_TextAroundAPlaceholder_IsLeftAsWritten_AndTheTemplateIsUntouched()
    {
        var template = JsonNode.Parse(Small)!;
        var before = template.ToJsonString();

        var filled = WorkflowTemplate.Fill(template, WorkflowTemplate.Values(TestJobs.Request(), null, null));

        Assert.Equal("a {{prompt}}", filled["5"]!["inputs"]!["_note"]!.GetValue<string>());
        Assert.Equal(before, template.ToJsonString());
    }

    [Fact]
    public void Fill_PlaceholderWithoutValue_NamesIt()
    {
        var template = JsonNode.Parse("""{"3": {"class_type": "LoadImage", "inputs": {"image": "{{image}}", "x": ["{{cfg}}", 0]}}}""")!;

        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Fill(template, WorkflowTemplate.Values(TestJobs.Request(), null, null)));

        Assert.Contains("{{cfg}}, {{image}}", error.Message);
    }

    [Fact]
    public void Fill_ImagesGoWhereTheTemplateSaysImageAndLastImage()
    {
        var template = JsonNode.Parse("""{"3": {"class_type": "WanFirstLastFrameToVideo", "inputs": {"start": "{{image}}", "end": "{{last_image}}"}}}""")!;

        var filled = WorkflowTemplate.Fill(template, WorkflowTemplate.Values(TestJobs.Request(), "first.png", "last.png"));

        Assert.Equal("""{"start":"first.png","end":"last.png"}""", filled["3"]!["inputs"]!.ToJsonString());
    }

    [Theory]
    [InlineData(5, 16, 80, 81, 81)]
    [InlineData(5, 24, 120, 121, 121)]
    [InlineData(4, 25, 100, 101, 97)]
    [InlineData(1, 1, 1, 1, 1)]
    public void Values_FrameCounts(int duration, int fps, int frames, int frames4n1, int frames8n1)
    {
        var values = WorkflowTemplate.Values(TestJobs.Request(duration: duration, fps: fps), null, null);

        Assert.Equal((frames, frames4n1, frames8n1),
            (values["frames"].GetValue<int>(), values["frames_4n1"].GetValue<int>(), values["frames_8n1"].GetValue<int>()));
    }

    [Fact]
    public void Parse_UiFormat_IsRefusedWithTheFix()
    {
        var error = Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(Recorded.Text("ComfyUi/workflow-ui-format.json")));

        Assert.Contains("Export (API)", error.Message);
    }

    [Theory]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    [InlineData("""{"1": {"inputs": {}}}""")]
    public void Parse_NotAnApiWorkflow_IsRefused(string json) =>
        Assert.Throws<WorkflowTemplateException>(() => WorkflowTemplate.Parse(json));

    [Fact]
    public void ShippedTemplates_UseTheDocumentedPlaceholders()
    {
        Assert.Equal(["fps", "frames_4n1", "height", "negative_prompt", "prompt", "seed", "width"],
            WorkflowTemplate.Placeholders(Template("wan2.1-t2v.json")).Order());
        Assert.Equal(["fps", "frames_8n1", "height", "image", "negative_prompt", "prompt", "seed", "width"],
            WorkflowTemplate.Placeholders(Template("ltxv-i2v.json")).Order());
    }
}
