using System.Text.Json;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tests.Http;

public sealed class PageQueryTests
{
    [Fact]
    public void Read_WithoutLimit_TakesTwenty()
    {
        var (query, error) = PageQuery.Read(null, "vid_1", "a video id");

        Assert.Null(error);
        Assert.Equal(new PageQuery(20, "vid_1"), query);
        Assert.Equal(21, query!.Fetch);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("abc")]
    [InlineData("-1")]
    public void Read_LimitOutsideOneToHundred_IsOutOfRangeOnLimit(string limit)
    {
        var (query, error) = PageQuery.Read(limit, null, "a key id");

        Assert.Null(query);
        Assert.Equal((400, "out_of_range", "limit"), (error!.Status, error.Code, error.Param));
    }

    [Fact]
    public void Read_OverlongCursor_IsRefusedOnAfter()
    {
        var (_, error) = PageQuery.Read("5", new string('x', 129), "a webhook id");

        Assert.Equal(("invalid_parameter", "after"), (error!.Code, error.Param));
        Assert.Contains("a webhook id", error.Message);
    }

    [Fact]
    public void Page_FromLimitPlusOneRows_HasMore_AndNamesItsEnds()
    {
        var page = new PageQuery(2, null).Page(["a", "b", "c"], id => id, id => id.ToUpperInvariant());

        Assert.Equal(["A", "B"], page.Data);
        Assert.Equal(("a", "b", true), (page.FirstId, page.LastId, page.HasMore));
    }

    [Fact]
    public void Page_LastOrEmpty_HasNoMore()
    {
        var query = new PageQuery(2, "b");

        var empty = query.Page(Array.Empty<string>(), id => id, id => id);

        Assert.Empty(empty.Data);
        Assert.Equal(((string?)null, (string?)null, false), (empty.FirstId, empty.LastId, empty.HasMore));
        Assert.False(query.Page(["c", "d"], id => id, id => id).HasMore);
    }

    [Fact]
    public void ListPage_SerializesAndWritesTheSameListObject()
    {
        var page = new ListPage<object>([new { id = "a" }, new { id = "b" }], "a", "b", true);
        const string Expected = """{"object":"list","data":[{"id":"a"},{"id":"b"}],"first_id":"a","last_id":"b","has_more":true}""";

        Assert.Equal(Expected, JsonSerializer.Serialize(page));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
            page.WriteTo(w, (writer, item) => JsonSerializer.Serialize(writer, item));
        Assert.Equal(Expected, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
