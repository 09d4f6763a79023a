using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Tasks;

[Collection(SharedServerCollection.Name)]
public sealed class ListTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    [Fact]
    public async Task List_PagesWithCursors_InBothOrders_AndFiltersByStatus()
    {
        var api = await server.NewAccountAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await api.CreateVideoAsync(new { prompt = $"clip {i}", duration = 4, generate_audio = false })).Str("id"));

        var first = await (await api.GetAsync("/v1/videos?limit=2")).Json();
        Assert.Equal([ids[2], ids[1]], first.AssertPage(hasMore: true));

        var second = await (await api.GetAsync($"/v1/videos?limit=2&after={first.Str("last_id")}")).Json();
        Assert.Equal([ids[0]], second.AssertPage(hasMore: false));

        var asc = await (await api.GetAsync("/v1/videos?order=asc&limit=100")).Json();
        Assert.Equal(ids, asc["data"]!.AsArray().Select(t => t!.Str("id")));

        foreach (var id in ids) await api.WaitAsync(id);
        await api.DeleteAsync($"/v1/videos/{ids[0]}");
        var completed = await (await api.GetAsync("/v1/videos?status=completed")).Json();
        Assert.Equal([ids[2], ids[1]], completed["data"]!.AsArray().Select(t => t!.Str("id")));
        var failed = await (await api.GetAsync("/v1/videos?status=failed")).Json();
        Assert.Empty(failed["data"]!.AsArray());
        Assert.Null(failed["first_id"]);
    }
}
