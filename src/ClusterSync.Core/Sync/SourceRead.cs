using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Sync;

/// <summary>
/// What one run read from its connector, normalised: the records by source id (a record read twice in one
/// run keeps the version read last), their raw payloads, the quarantined items, and the newest change stamp.
/// </summary>
public sealed class SourceRead
{
    private readonly Dictionary<string, SourceRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rawPayloads = new(StringComparer.Ordinal);
    private readonly List<QuarantineEntry> _quarantine = [];

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

    /// <summary>Streams the connector's items through the normaliser into <paramref name="read"/>, which stays usable when reading fails part-way.</summary>
    public static async Task ReadAsync(
        ISourceConnector connector, ReadRequest request, OrganisationNormaliser normaliser, SourceRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(normaliser);
        ArgumentNullException.ThrowIfNull(read);
        await foreach (var item in connector.ReadAsync(request, cancellationToken))
        {
            read.Add(item, normaliser);
        }
    }

    /// <summary>An empty read that starts from the last run's high-water mark.</summary>
    public static SourceRead Starting(DateTimeOffset? highWaterMark) => new(highWaterMark);

    private void Add(SourceItem item, OrganisationNormaliser normaliser)
    {
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
