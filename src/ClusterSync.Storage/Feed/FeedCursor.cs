using System.Globalization;

namespace ClusterSync.Storage.Feed;

/// <summary>
/// The change feed's cursor: an opaque string for a change-event sequence (the last event a reader has seen).
/// Exports and snapshots state the cursor they are consistent with, so a reader can follow the feed from there.
/// </summary>
public static class FeedCursor
{
    public static string Encode(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    public static bool TryDecode(string? cursor, out long sequence) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
}
