using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;
using static Reelgate.Server.Tests.Sequels.ExtendLocalTests;

namespace Reelgate.Server.Tests.Sequels;

/// POST /v1/videos/{id}/remix with no remote provider: the local preview engine renders the
/// parent's length and size again with the new prompt, and says it is the preview engine.
[Collection(SharedServerCollection.Name)]
public sealed class RemixLocalTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    [Fact]
    public async Task Remix_OnTheLocalEngine_NamesItsParent_KeepsLengthAndSize_AndIsLabelledPreview()
    {
        var client = await server.NewAccountAsync();
        var parent = await CompletedAsync(client, Parent4s);

        var res = await client.PostAsJsonAsync($"/v1/videos/{parent.Str("id")}/remix", new { prompt = "the same canal at night, lanterns on the water" });
        var created = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.Accepted, created.ToJsonString());
        Assert.Equal(parent.Str("id"), created.Str("remixed_from_video_id"));
        Assert.Equal("remix", created.Str("generation_type"));
        Assert.Null(created["extended_from_video_id"]?.GetValue<string>());
        var done = await client.WaitAsync(created.Str("id"));
        Assert.True(done.Str("status") == "completed", done.ToJsonString());
        Assert.Equal(parent.Str("id"), done.Str("remixed_from_video_id"));
        Assert.True(done["preview"]!.GetValue<bool>());
        Assert.Equal("local", done.Str("provider"));
        // Billed as the parent's length at the model's rate.
        Assert.Equal(parent["credits"]!.GetValue<decimal>(), done["credits"]!.GetValue<decimal>());
        var video = (await ProbeOutputAsync(client, done)).Stream("video")!;
        Assert.Equal((1280, 720), (video["width"]!.GetValue<int>(), video["height"]!.GetValue<int>()));
        Assert.Equal(parent["outputs"]![0]!["metadata"]!["duration"]!.GetValue<double>(), done["outputs"]![0]!["metadata"]!["duration"]!.GetValue<double>(), 2);
    }
}
