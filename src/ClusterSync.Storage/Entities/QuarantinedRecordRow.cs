namespace ClusterSync.Storage.Entities;

/// <summary>An upstream item that could not be read or normalised, kept with its reason.</summary>
public sealed class QuarantinedRecordRow
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public string? SourceId { get; set; }
    public required string Reason { get; set; }
    public required string RawPayload { get; set; }

    /// <summary>Hash of the raw payload: the same bad payload is quarantined once, not once per run.</summary>
    public required string PayloadHash { get; set; }

    public long FirstSeenRunId { get; set; }
    public DateTimeOffset QuarantinedAt { get; set; }

    /// <summary>Set when a later run read the same record successfully.</summary>
    public long? ResolvedInRunId { get; set; }
}
