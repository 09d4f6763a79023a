using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Worker;

/// Each test owns its server, because it stops or kills it.
public sealed class RecoveryTests
{
    [Fact]
    public async Task SigkillDuringRenders_ThenRestart_EveryTaskCompletesOnce()
    {
        await using var server = new ServerProcess();
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await api.CreateVideoAsync(new { prompt = $"crash test {i}, pan left", duration = 8, resolution = "1080p", generate_audio = i % 2 == 0 })).Str("id"));
        await api.WaitAsync(ids[0], until: t => t.Str("status") == "in_progress" && t["progress"]!.GetValue<int>() > 0);

        server.Kill();
        await server.StartAsync();

        var done = new List<JsonNode>();
        foreach (var id in ids) done.Add(await api.WaitAsync(id, seconds: 240));
        Assert.All(done, t => Assert.Equal("completed", t.Str("status")));
        Assert.Contains(done, t => t["attempts"]!.GetValue<int>() >= 2); // at least one render was interrupted and resumed
        foreach (var t in done)
        {
            Assert.Single(t["outputs"]!.AsArray());
            var attempts = (await server.KeysAsync($"videos/{t.Str("id")}/")).Select(k => k.Split('/')[2]).Distinct();
            Assert.Single(attempts); // the killed attempt left nothing behind in the store
            var bytes = await api.GetByteArrayAsync(t["outputs"]![0]!.Str("url"));
            await Ffprobe.ProbeAsync(bytes);
        }
        var stuck = await (await api.GetAsync("/v1/videos?status=in_progress")).Json();
        Assert.Empty(stuck["data"]!.AsArray());
    }

    [Fact]
    public async Task GracefulShutdown_ReturnsRunningWork_ToTheQueue()
    {
        await using var server = new ServerProcess(new() { ["Worker__LeaseSeconds"] = "600" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var id = (await api.CreateVideoAsync(new { prompt = "long render, zoom out", duration = 8, resolution = "1080p" })).Str("id");
        await api.WaitAsync(id, until: t => t.Str("status") == "in_progress" && t["progress"]!.GetValue<int>() > 0);

        await server.StopAsync();
        await server.StartAsync();

        // Had the task stayed in_progress, its 600 s lease would keep it from finishing in time.
        var done = await api.WaitAsync(id, seconds: 120);
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal(1, done["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task WithTheWorkerOff_TasksStayQueued_AndCancelAtOnce()
    {
        await using var server = new ServerProcess(new() { ["Worker__Enabled"] = "false" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var id = (await api.CreateVideoAsync(new { prompt = "never rendered", duration = 4 })).Str("id");
        // The process said at start-up that it runs no worker, and it has claimed nothing.
        Assert.Contains("no worker runs in this process", server.Log);
        Assert.Equal(0, await server.MetricAsync("reelgate_claims_total"));
        Assert.Equal("queued", (await (await api.GetAsync($"/v1/videos/{id}")).Json()).Str("status"));
        var cancelled = await (await api.DeleteAsync($"/v1/videos/{id}")).Json();
        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal("cancelled", cancelled["error"]!.Str("code"));
    }
}

public sealed class RetentionTests
{
    [Fact]
    public async Task ExpiredOutputs_AreDeleted_AndContentAnswers410()
    {
        await using var server = new ServerProcess(new() { ["Storage__RetentionHours"] = "0.0005", ["Storage__RetentionSweepSeconds"] = "0.5" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var id = (await api.CreateVideoAsync(new { prompt = "short-lived", duration = 4, generate_audio = false })).Str("id");
        var done = await api.WaitAsync(id);
        Assert.Equal("completed", done.Str("status"));
        Assert.True(done["expires_at"]!.GetValue<long>() >= done["completed_at"]!.GetValue<long>());
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await server.KeysAsync($"videos/{id}/")).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Empty(await server.KeysAsync($"videos/{id}/"));
        var content = await api.GetAsync($"/v1/videos/{id}/content");
        Assert.Equal(System.Net.HttpStatusCode.Gone, content.StatusCode);
        Assert.Equal("content_expired", (await content.Json()).Str("code"));
        Assert.Equal("completed", (await (await api.GetAsync($"/v1/videos/{id}")).Json()).Str("status"));
    }
}
