using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Google;

/// A filtered result through the SDK: the server routes to a Gemini upstream (Support/FakeUpstreams)
/// whose safety filter blocks prompts with FakeUpstreams.FilterMarker; the task fails with
/// `content_filtered`, and both Google modes report a done operation with `raiMediaFilteredCount`.
public sealed class GoogleFilteredTests : IAsyncLifetime
{
    FakeUpstreams upstream = null!;
    ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstreams.StartAsync();
        server = new ServerProcess(new()
        {
            ["Providers__Gemini__Enabled"] = "true", ["Providers__Gemini__BaseUrl"] = upstream.Url, ["Providers__Gemini__ApiKey"] = "gemini-test-key-not-secret",
            ["Providers__Gemini__PollSeconds"] = "0.2", ["Providers__Gemini__MaxPollSeconds"] = "0.5",
        });
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task GoogleSdk_FilteredPrompt_IsADoneOperationWithRaiMediaFilteredCount()
    {
        var dir = Directory.CreateTempSubdirectory("google-filtered-").FullName;
        await GoogleSdk.RunAsync(server, "filtered", dir);

        Assert.Equal(2, upstream.Count("POST /v1beta/models/"));
        Directory.Delete(dir, recursive: true);
    }
}
