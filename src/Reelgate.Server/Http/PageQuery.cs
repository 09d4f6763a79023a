namespace Reelgate.Server.Http;

/// `limit` and `after` of a list request, read the one way every list reads them. Both arrive as
/// text, so "abc" gets our out_of_range error rather than the framework's bare 400.
internal sealed record PageQuery(int Limit, string? After)
{
    public const int DefaultLimit = 20, MaxLimit = 100;

    /// Ids are at most this long; a longer cursor is not one of ours.
    const int MaxCursorLength = 128;

    /// Rows to read: one past the page tells whether there is more.
    public int Fetch => Limit + 1;

    /// `cursor` names the ids for the error message ("a video id"). Only the ledger, read whole
    /// by reconciliations, takes larger pages.
    public static (PageQuery? Query, ApiError? Error) Read(string? limit, string? after, string cursor, int defaultLimit = DefaultLimit, int maxLimit = MaxLimit)
    {
        var take = defaultLimit;
        if (limit is not null && (!int.TryParse(limit, out take) || take < 1 || take > maxLimit))
            return (null, ApiError.Invalid("limit", $"'limit' must be a whole number from 1 to {maxLimit}.", "out_of_range"));
        if (after is { Length: > MaxCursorLength }) return (null, ApiError.Invalid("after", $"'after' must be {cursor}."));
        return (new PageQuery(take, after), null);
    }

    /// The page from up to Fetch rows read in list order.
    public ListPage<TItem> Page<TRow, TItem>(IReadOnlyList<TRow> rows, Func<TRow, string> id, Func<TRow, TItem> item)
    {
        var page = rows.Take(Limit).ToList();
        return new ListPage<TItem>(page.Select(item).ToList(), page.Count > 0 ? id(page[0]) : null,
            page.Count > 0 ? id(page[^1]) : null, rows.Count > Limit);
    }
}
