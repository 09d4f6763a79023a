using System.Text.Json.Nodes;

namespace Reelgate.Server.Tests.Support;

/// The one list shape every list endpoint answers with.
public static class Pages
{
    /// Asserts {"object":"list","data","first_id","last_id","has_more"} and returns the ids in data
    /// (as text: ledger entry ids are numbers, their cursors strings).
    public static List<string> AssertPage(this JsonNode page, bool? hasMore = null)
    {
        Assert.Equal("list", page.Str("object"));
        Assert.All(new[] { "first_id", "last_id", "has_more" }, field => Assert.True(page.AsObject().ContainsKey(field), $"no {field}"));
        var ids = page["data"]!.AsArray().Select(item => item!["id"]!.ToString()).ToList();
        Assert.Equal(ids.FirstOrDefault(), page["first_id"]?.GetValue<string>());
        Assert.Equal(ids.LastOrDefault(), page["last_id"]?.GetValue<string>());
        var more = page["has_more"]!.GetValue<bool>();
        if (hasMore is not null) Assert.Equal(hasMore, more);
        return ids;
    }
}
