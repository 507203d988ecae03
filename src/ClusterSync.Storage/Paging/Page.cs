using System.Globalization;

namespace ClusterSync.Storage.Paging;

/// <summary>One page of a list.</summary>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Builds pages from rows read with one row more than the limit (that row only says whether there is a next page).</summary>
public static class Page
{
    public static Page<TView> Of<TRow, TView>(IReadOnlyList<TRow> rows, int limit, Func<TRow, TView> view, Func<TRow, long> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Of(rows, limit, view, row => key(row).ToString(CultureInfo.InvariantCulture));
    }

    public static Page<TView> Of<TRow, TView>(IReadOnlyList<TRow> rows, int limit, Func<TRow, TView> view, Func<TRow, string> key)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(key);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? key(items[^1]) : null;
        return new Page<TView>([.. items.Select(view)], next);
    }
}
