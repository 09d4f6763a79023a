using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelgate.Server.Data;
using Reelgate.Server.Tasks.Waiting;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Tasks.Waiting;

/// TaskWaits in process, on a real database, with the wait's clock under the test's control.
public sealed class TaskWaitsTests : IDisposable
{
    readonly InProcessDatabase database = new();
    readonly FakeTimeProvider clock = new();
    readonly TaskWaits waits;

    public TaskWaitsTests() =>
        waits = new TaskWaits(new Dbs(database), new TaskEnded(), clock, NullLogger<TaskWaits>.Instance);

    public void Dispose()
    {
        waits.Dispose();
        database.Dispose();
    }

    [Fact]
    public async Task AWaitThatRunsOut_ReturnsFalse_AndTheIdIsNoLongerPolled()
    {
        var wait = waits.UntilEndedAsync("video_never_ends", TimeSpan.FromSeconds(5), default);
        Assert.Equal(1, waits.Count);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(await wait);
        Assert.Equal(0, waits.Count);
    }

    [Fact]
    public async Task AClientThatLeaves_EndsOnlyItsOwnWait()
    {
        using var left = new CancellationTokenSource();
        var leaving = waits.UntilEndedAsync("video_shared", TimeSpan.FromMinutes(1), left.Token);
        var staying = waits.UntilEndedAsync("video_shared", TimeSpan.FromMinutes(1), default);
        await left.CancelAsync();
        Assert.False(await leaving);
        Assert.Equal(1, waits.Count); // the other waiter still waits for it
        // The id has no row (a deleted task): the loop ends the remaining wait as soon as it looks.
        await waits.StartAsync(default);
        Assert.True(await staying);
        Assert.Equal(0, waits.Count);
        await waits.StopAsync(default);
    }

    sealed class Dbs(InProcessDatabase database) : Microsoft.EntityFrameworkCore.IDbContextFactory<ReelgateDb>
    {
        public ReelgateDb CreateDbContext() => database.Open();
    }
}
