using Reelgate.Server.Storage;

namespace Reelgate.Server.Tests.Storage;

public sealed class S3BlobStoreDeleteTests(S3rverFixture fixture) : IClassFixture<S3rverFixture>
{
    readonly string id = Guid.NewGuid().ToString("N");
    // Bounds every call, so a wedged server fails the test instead of hanging the run.
    readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
    S3BlobStore Store => fixture.Store;

    [Fact]
    public async Task Delete_prefix_removes_every_page_under_it_and_nothing_else()
    {
        // The fixture lists 3 keys a page, so 10 objects take several list and delete rounds.
        var doomed = Enumerable.Range(0, 10).Select(i => $"videos/{id}/a{i % 3}/{i}.mp4").ToList();
        string[] kept = [$"videos/{id}x/a1/0.mp4", $"files/{id}.png", $"videos/{id}"];
        foreach (var key in doomed.Concat(kept)) await Store.PutBytesAsync(key, "x"u8.ToArray(), "video/mp4", Ct);
        await Store.DeletePrefixAsync($"videos/{id}/", Ct);
        foreach (var key in doomed) Assert.Null(await Store.OpenReadAsync(key, Ct));
        foreach (var key in kept) await using (var s = await Store.OpenReadAsync(key, Ct)) Assert.NotNull(s);
        await Store.DeletePrefixAsync($"videos/{id}/", Ct); // nothing left: still fine
    }

    [Fact]
    public async Task Delete_exact_key_removes_only_that_object()
    {
        await Store.PutBytesAsync($"files/{id}.png", "a"u8.ToArray(), "image/png", Ct);
        await Store.PutBytesAsync($"files/{id}.png2", "b"u8.ToArray(), "image/png", Ct);
        await Store.DeletePrefixAsync($"files/{id}.png", Ct);
        Assert.Null(await Store.OpenReadAsync($"files/{id}.png", Ct));
        await using var other = await Store.OpenReadAsync($"files/{id}.png2", Ct);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task Delete_without_slash_also_removes_the_folder_under_it()
    {
        await Store.PutBytesAsync($"videos/{id}/a1/0.mp4", "a"u8.ToArray(), "video/mp4", Ct);
        await Store.DeletePrefixAsync($"videos/{id}", Ct);
        Assert.Null(await Store.OpenReadAsync($"videos/{id}/a1/0.mp4", Ct));
    }

    [Fact]
    public async Task Bad_keys_and_prefixes_are_refused()
    {
        foreach (var key in new[] { "", "/files/x.png", "videos/../x", "videos/./x" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Store.PutBytesAsync(key, "x"u8.ToArray(), "text/plain", Ct));
            await Assert.ThrowsAsync<ArgumentException>(() => Store.DeletePrefixAsync(key, Ct));
        }
    }
}
