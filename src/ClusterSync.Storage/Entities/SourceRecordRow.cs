namespace ClusterSync.Storage.Entities;

/// <summary>The current normalised state of one upstream record, keyed by (source, sourceId).</summary>
public sealed class SourceRecordRow
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string SourceId { get; set; }
    public required string ContentHash { get; set; }

    /// <summary>Schema v1 JSON of the record.</summary>
    public required string NormalisedJson { get; set; }

    /// <summary>The payload exactly as the upstream sent it.</summary>
    public required string RawPayload { get; set; }

    public DateTimeOffset? SourceUpdatedAt { get; set; }
    public long FirstSeenRunId { get; set; }
    public long LastChangedRunId { get; set; }

    /// <summary>Set when a full listing no longer contained the record; the row is kept for history.</summary>
    public long? GoneInRunId { get; set; }
}
