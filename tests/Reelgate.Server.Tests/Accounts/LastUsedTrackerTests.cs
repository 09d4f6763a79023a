using Reelgate.Server.Accounts;

namespace Reelgate.Server.Tests.Accounts;

public sealed class LastUsedTrackerTests
{
    [Fact]
    public void Uses_ArePendingUntilFlushed_AndOnlyNewerOnesComeBack()
    {
        var tracker = new LastUsedTracker();
        Assert.Same(tracker.For("key_1"), tracker.For("key_1"));
        Assert.Empty(tracker.Pending());
        Assert.Null(tracker.Unflushed("key_1"));

        tracker.For("key_1").Touch(10_000);
        tracker.For("key_1").Touch(10_500); // within a second: not worth a write
        tracker.For("key_2").Touch(20_000);
        var pending = tracker.Pending().OrderBy(p => p.KeyId).ToList();
        Assert.Equal([("key_1", 10_000L), ("key_2", 20_000L)], pending);
        Assert.Equal(10_000, tracker.Unflushed("key_1"));

        tracker.MarkFlushed(pending);
        Assert.Empty(tracker.Pending());
        Assert.Null(tracker.Unflushed("key_1"));

        tracker.For("key_1").Touch(11_000);
        Assert.Equal([("key_1", 11_000L)], tracker.Pending());
    }

    [Fact]
    public void UpdateStatement_IsOneStatementWithTwoParametersARow()
    {
        var (sql, args) = LastUsedFlusher.UpdateStatement([("key_1", 5L), ("key_2", 7L)]);
        Assert.Equal(
            "UPDATE api_keys SET last_used_at = v.column2 FROM (VALUES ({0}, {1}), ({2}, {3})) AS v " +
            "WHERE api_keys.id = v.column1 AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < v.column2)", sql);
        Assert.Equal(["key_1", 5L, "key_2", 7L], args);
    }
}
