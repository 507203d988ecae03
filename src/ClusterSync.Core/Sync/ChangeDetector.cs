using ClusterSync.Core.Records;

namespace ClusterSync.Core.Sync;

/// <summary>
/// Compares what a run read with what the store holds for the same source, by source id and content
/// hash. Only a full listing can say a record is gone.
/// </summary>
public static class ChangeDetector
{
    /// <param name="stored">Source id → content hash of every record the store holds as present for this source.</param>
    /// <param name="read">The records this run read (one per source id).</param>
    /// <param name="mode">Incremental reads never report gone records.</param>
    public static ChangeSet Detect(IReadOnlyDictionary<string, string> stored, IReadOnlyCollection<SourceRecord> read, ReadMode mode)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(read);
        var added = new List<SourceRecord>();
        var changed = new List<SourceRecord>();
        var unchanged = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in read)
        {
            seen.Add(record.SourceId);
            if (!stored.TryGetValue(record.SourceId, out var hash))
            {
                added.Add(record);
            }
            else if (!string.Equals(hash, record.ContentHash, StringComparison.Ordinal))
            {
                changed.Add(record);
            }
            else
            {
                unchanged++;
            }
        }

        var gone = mode == ReadMode.Full
            ? stored.Keys.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal).ToList()
            : [];
        return new ChangeSet(added, changed, unchanged, gone);
    }
}

/// <summary>What changed in one source since the last run.</summary>
public sealed record ChangeSet(
    IReadOnlyList<SourceRecord> Added,
    IReadOnlyList<SourceRecord> Changed,
    int UnchangedCount,
    IReadOnlyList<string> GoneSourceIds)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && GoneSourceIds.Count == 0;
}

/// <summary>
/// Refuses a full listing that would delete too much at once (an upstream outage that returns a short
/// list must not empty the directory). An operator can confirm the deletions explicitly.
/// </summary>
public sealed record DeletionGuard(double MaxGoneFraction = 0.3, int MinGoneToTrip = 10)
{
    /// <summary>Why the change set is refused, or null when it may be published.</summary>
    public string? Check(ChangeSet changes, int storedCount)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var gone = changes.GoneSourceIds.Count;
        if (storedCount == 0 || gone < MinGoneToTrip || gone <= storedCount * MaxGoneFraction)
        {
            return null;
        }

        return $"The listing would delete {gone} of {storedCount} records ({100.0 * gone / storedCount:0.#} %), more than the "
            + $"deletion guard allows ({100 * MaxGoneFraction:0.#} %). The deletions are held until an operator confirms or rejects them.";
    }
}
