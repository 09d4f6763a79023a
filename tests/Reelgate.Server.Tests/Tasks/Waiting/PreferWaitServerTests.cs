using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Tasks.Waiting;

/// `Prefer: wait` across processes: the api process waits, a separate worker process ends the task.
public sealed class PreferWaitServerTests : IAsyncLifetime
{
    static readonly object Clip = new { model = "veo3.1-fast", prompt = "a paper boat on a pond", duration = 4, generate_audio = false, resolution = "720p" };
    readonly ServerProcess api = new(new() { ["Roles"] = "api", ["Tasks__MaxWaitSeconds"] = "600" });
    ServerProcess? worker;

    public Task InitializeAsync() => api.StartAsync();

    public async Task DisposeAsync()
    {
        if (worker is not null) await worker.DisposeAsync();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task AClientThatLeavesDoesNotCancelTheTask_AndAWaitThatSeesTheEnd_Answers201WithTheFinishedTask()
    {
        var client = await api.NewAccountAsync();
        // No worker runs yet: the task stays queued while its creator waits, then leaves.
        using (var leave = new CancellationTokenSource())
        {
            var waiting = client.SendAsync(Create("wait=600"), leave.Token);
            string? queued = null;
            await Signals.UntilAsync(async () => (queued = await OnlyTaskIdAsync(client)) is not null, "the waited-for task is queued");
            await leave.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

            worker = api.Sibling(new() { ["Roles"] = "worker" });
            await worker.StartAsync();
            Assert.Equal("completed", (await client.WaitAsync(queued!)).Str("status"));
        }

        var res = await client.SendAsync(Create("wait=600"));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        Assert.Equal("wait=600", res.Headers.GetValues("Preference-Applied").Single());
        var done = await res.Json();
        Assert.Equal(("completed", 100), (done.Str("status"), done["progress"]!.GetValue<int>()));
        Assert.Equal($"/v1/videos/{done.Str("id")}", res.Headers.Location!.OriginalString);
        Assert.NotEmpty(done["outputs"]!.AsArray());
    }

    static async Task<string?> OnlyTaskIdAsync(HttpClient client)
    {
        var data = (await (await client.GetAsync("/v1/videos")).Json())["data"]!.AsArray();
        return data.Count == 1 ? data[0]!.Str("id") : null;
    }

    static HttpRequestMessage Create(string prefer)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = JsonContent.Create(Clip) };
        req.Headers.TryAddWithoutValidation("Prefer", prefer);
        return req;
    }
}
