using System.Globalization;

namespace ClusterSync.Storage.Paging;

/// <summary>A keyset page request: at most <see cref="Limit"/> items after the item whose key is <see cref="After"/>.</summary>
/// <param name="After">The key of the last item of the previous page (a cursor this API returned); null for the first page.</param>
public sealed record PageRequest(int Limit, string? After = null)
{
    /// <summary><see cref="After"/> as a numeric row id (lists keyed by id); null for the first page.</summary>
    /// <exception cref="InvalidCursorException">The cursor is not a row id.</exception>
    public long? AfterId => After is null ? null
        : long.TryParse(After, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
        : throw new InvalidCursorException();
}
