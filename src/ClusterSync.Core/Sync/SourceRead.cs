using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Sync;

/// <summary>
/// What one run read from its connector, normalised: the records by source id (a record read twice in one
/// run keeps the version read last), their raw payloads, the quarantined items, the newest change stamp, and
/// whether the listing was complete.
/// </summary>
public sealed class SourceRead
{
    private readonly Dictionary<string, SourceRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rawPayloads = new(StringComparer.Ordinal);
    private readonly List<QuarantineEntry> _quarantine = [];
    private readonly List<string> _gaps = [];

    private SourceRead(DateTimeOffset? highWaterMark)
    {
        HighWaterMark = highWaterMark;
    }

    public int ItemsRead { get; private set; }

    public IReadOnlyDictionary<string, SourceRecord> Records => _records;

    public IReadOnlyDictionary<string, string> RawPayloads => _rawPayloads;

    public IReadOnlyList<QuarantineEntry> Quarantine => _quarantine;

    /// <summary>The newest <c>updatedAt</c> read, never older than the last run's.</summary>
    public DateTimeOffset? HighWaterMark { get; private set; }

    /// <summary>Pages the connector read past without reading them completely, each with its reason.</summary>
    public IReadOnlyList<string> Gaps => _gaps;

    /// <summary>Why the listing stopped before its end, when it did (the connector could not go on).</summary>
    public UpstreamException? Stop { get; private set; }

    /// <summary>Whether the listing was read to its end with every page whole: only then may it decide deletions.</summary>
    public bool IsComplete => _gaps.Count == 0 && Stop is null;

    /// <summary>Whether anything at all was read: an item, or a page that held none where it should have.</summary>
    public bool ReadAnything => ItemsRead > 0 || _gaps.Count > 0;

    /// <summary>
    /// Streams the connector's items through the normaliser into <paramref name="read"/>. An upstream failure after
    /// something was read ends the listing incomplete (<see cref="Stop"/>); before that, and any other failure, it is thrown.
    /// </summary>
    public static async Task ReadAsync(
        ISourceConnector connector, ReadRequest request, OrganisationNormaliser normaliser, SourceRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(normaliser);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            await foreach (var item in connector.ReadAsync(request, cancellationToken))
            {
                read.Add(item, normaliser);
            }
        }
        catch (UpstreamException stop) when (read.ReadAnything)
        {
            read.Stop = stop;
        }
    }

    /// <summary>
    /// Why the listing is incomplete, in one line that names at most <paramref name="maxGaps"/> of its gaps, or null
    /// when it is complete.
    /// </summary>
    public string? DescribeIncompleteness(string source, int maxGaps = 3)
    {
        if (IsComplete)
        {
            return null;
        }

        var parts = _gaps.Take(maxGaps).ToList();
        if (_gaps.Count > maxGaps)
        {
            parts.Add($"{_gaps.Count - maxGaps} more page(s) like these");
        }

        if (Stop is { } stop)
        {
            parts.Add("the read stopped: " + stop.Detail);
        }

        return $"{source}: the listing is incomplete: {string.Join("; ", parts.Select(p => p.TrimEnd('.')))}.".ReplaceLineEndings(" ");
    }

    /// <summary>An empty read that starts from the last run's high-water mark.</summary>
    public static SourceRead Starting(DateTimeOffset? highWaterMark) => new(highWaterMark);

    private void Add(SourceItem item, OrganisationNormaliser normaliser)
    {
        if (item.GapReason is { } gap)
        {
            _gaps.Add(gap);
            return;
        }

        ItemsRead++;
        if (item.Organisation is null)
        {
            _quarantine.Add(new QuarantineEntry(item.SourceId, item.RawPayload, item.UnreadableReason ?? "Unreadable item."));
            return;
        }

        var outcome = normaliser.Normalise(item.Organisation);
        if (outcome.Record is not { } record)
        {
            _quarantine.Add(new QuarantineEntry(item.SourceId, item.RawPayload, outcome.QuarantineReason!));
            return;
        }

        _records[record.SourceId] = record;
        _rawPayloads[record.SourceId] = item.RawPayload;
        if (record.UpdatedAt is { } updated && (HighWaterMark is null || updated > HighWaterMark))
        {
            HighWaterMark = updated;
        }
    }
}
