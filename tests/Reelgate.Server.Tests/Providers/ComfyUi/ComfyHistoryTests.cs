using System.Text.Json.Nodes;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.ComfyUi;
using Reelgate.Server.Tests.Providers.OpenAiCompatible;

namespace Reelgate.Server.Tests.Providers.ComfyUi;

/// /history, /queue and /prompt answers read as pure functions, on recorded answers.
public sealed class ComfyHistoryTests
{
    const string Id = FakeComfyUi.PromptId;

    static JsonNode History(string file) => Recorded.Json($"ComfyUi/{file}");

    [Fact]
    public void Read_SaveVideoSuccess_IsTheViewQueryOfTheMp4()
    {
        var result = ComfyHistory.Read(History("history-success-mp4.json"), Id);

        Assert.Equal(new[] { "filename=wan_00001_.mp4&subfolder=reelgate&type=output" }, Assert.IsType<PollResult.Succeeded>(result).Results);
    }

    [Fact]
    public void Read_WebmNextToAPreviewPng_KeepsOnlyTheVideo_AndItsOddNameSurvives()
    {
        var result = Assert.IsType<PollResult.Succeeded>(ComfyHistory.Read(History("history-success-webm.json"), Id));

        var file = ComfyFile.Parse(Assert.Single(result.Results));
        Assert.Equal(new ComfyFile("ltxv 00001 (draft).webm", "reelgate", "output"), file);
        Assert.Equal("filename=ltxv%2000001%20%28draft%29.webm&subfolder=reelgate&type=output", file.Encode());
    }

    [Fact]
    public void Read_VideoHelperSuiteGifsAndVideos_SavedOutputsComeBeforeTemporaryOnes()
    {
        var result = Assert.IsType<PollResult.Succeeded>(ComfyHistory.Read(History("history-success-vhs.json"), Id));

        Assert.Equal(
            new[] { new ComfyFile("AnimateDiff_00001.mp4", "", "output"), new ComfyFile("hunyuan_00001_.webm", "video", "temp") },
            result.Results.Select(ComfyFile.Parse));
    }

    [Fact]
    public void Read_SuccessWithOnlyStills_IsAFailureThatSaysWhy()
    {
        var failed = Assert.IsType<PollResult.Failed>(ComfyHistory.Read(History("history-success-no-video.json"), Id));

        Assert.Equal("upstream_error", failed.Code);
        Assert.Contains("video save node", failed.Message);
    }

    [Fact]
    public void Read_ExecutionError_NamesTheNodeAndTheException_OnOneLine()
    {
        var result = ComfyHistory.Read(History("history-error.json"), Id);

        Assert.Equal(new PollResult.Failed("upstream_error",
            "the workflow failed in KSampler (node 8): torch.OutOfMemoryError: Allocation on device This error means you ran out of memory on your GPU."), result);
    }

    [Fact]
    public void Read_Interrupted_SaysSo()
    {
        var failed = Assert.IsType<PollResult.Failed>(ComfyHistory.Read(History("history-interrupted.json"), Id));

        Assert.Equal(("upstream_error", "the workflow was interrupted on the ComfyUI server"), (failed.Code, failed.Message));
    }

    [Theory]
    [InlineData("history-empty.json", Id)]
    [InlineData("history-success-mp4.json", "another-prompt")]
    public void Read_PromptNotInHistory_IsNull(string file, string promptId) =>
        Assert.Null(ComfyHistory.Read(History(file), promptId));

    [Fact]
    public void Read_PresentButNotCompleted_IsPending()
    {
        var history = JsonNode.Parse("""{"ID": {"outputs": {}, "status": {"status_str": "success", "completed": false, "messages": []}}}""".Replace("ID", Id));

        Assert.IsType<PollResult.Pending>(ComfyHistory.Read(history, Id));
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"ID": "done"}""")]
    [InlineData("""{"ID": {"status": "success", "outputs": []}}""")]
    public void Read_UnexpectedShape_IsNotACrash(string json)
    {
        var result = ComfyHistory.Read(JsonNode.Parse(json.Replace("ID", Id)), Id);

        Assert.True(result is null or PollResult.Pending, $"{result}");
    }

    [Fact]
    public void IsQueued_UnexpectedShape_IsFalse() =>
        Assert.False(ComfyHistory.IsQueued(JsonNode.Parse("""{"queue_running": {"0": 1}, "queue_pending": [["x"], 5]}"""), Id));

    [Theory]
    [InlineData("queue-running.json", true)]
    [InlineData("queue-pending.json", true)]
    [InlineData("queue-empty.json", false)]
    public void IsQueued_LooksInRunningAndPending(string file, bool queued) =>
        Assert.Equal(queued, ComfyHistory.IsQueued(History(file), Id));

    [Fact]
    public void ValidationMessage_SaysWhatFailedInWhichNode()
    {
        Assert.Equal(
            "Prompt outputs failed validation; node 1 (UNETLoader): Value not in list: unet_name: 'wan2.1_t2v_1.3B_fp16.safetensors' not in ['wan2.2_ti2v_5B_fp16.safetensors']",
            ComfyHistory.ValidationMessage(History("prompt-invalid.json")));
    }

    [Fact]
    public void ValidationMessage_OlderServersSendAPlainString()
    {
        Assert.Equal("no prompt", ComfyHistory.ValidationMessage(JsonNode.Parse("""{"error": "no prompt", "node_errors": []}""")));
    }

    [Fact]
    public void ReadPromptId_TakesItFromThePromptAnswer()
    {
        Assert.Equal(Id, ComfyHistory.ReadPromptId(History("prompt-answer.json")));
        Assert.Null(ComfyHistory.ReadPromptId(JsonNode.Parse("""{"number": 3}""")));
    }

    [Theory]
    [InlineData("subfolder=a&type=output")]
    [InlineData("")]
    public void ComfyFile_WithoutFilename_IsNotAReference(string encoded) =>
        Assert.Throws<FormatException>(() => ComfyFile.Parse(encoded));
}
