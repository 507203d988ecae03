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

/// <summary>One organisation of the published directory.</summary>
public sealed class DirectoryOrganisationRow
{
    /// <summary>Opaque stable identifier, never reused.</summary>
    public required string Id { get; set; }

    public required string Status { get; set; }

    /// <summary>For a merged organisation: the surviving organisation's id.</summary>
    public string? RedirectTo { get; set; }

    public required string Name { get; set; }
    public string? Country { get; set; }
    public int MemberCount { get; set; }

    /// <summary>Golden record with per-field provenance (JSON).</summary>
    public required string GoldenJson { get; set; }

    /// <summary>SHA-256 of <see cref="GoldenJson"/>: an unchanged organisation is not rewritten.</summary>
    public required string GoldenHash { get; set; }

    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long CreatedInRunId { get; set; }
    public long UpdatedInRunId { get; set; }
}

/// <summary>Which directory organisation a source record belongs to.</summary>
public sealed class RecordLinkRow
{
    public required string Source { get; set; }
    public required string SourceId { get; set; }
    public required string OrganisationId { get; set; }
    public double? MatchProbability { get; set; }
    public long LinkedInRunId { get; set; }
}

/// <summary>One run of a sync, with its outcome and counts.</summary>
public sealed class SyncRunRow
{
    public long Id { get; set; }
    public required string Source { get; set; }
    public required string Mode { get; set; }
    public required string Status { get; set; }
    public string? Trigger { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int ItemsRead { get; set; }
    public int NewCount { get; set; }
    public int ChangedCount { get; set; }
    public int UnchangedCount { get; set; }
    public int GoneCount { get; set; }
    public int QuarantinedCount { get; set; }
    public int OrganisationsChanged { get; set; }

    /// <summary>Newest source <c>updatedAt</c> seen: the next incremental read starts there (minus an overlap).</summary>
    public DateTimeOffset? HighWaterMark { get; set; }

    public string? Error { get; set; }
    public string? InstanceId { get; set; }
}

/// <summary>One entry of the directory's change log; <see cref="Sequence"/> strictly increases in commit order.</summary>
public sealed class ChangeEventRow
{
    public long Sequence { get; set; }
    public required string OrganisationId { get; set; }
    public required string Type { get; set; }
    public string? SurvivorId { get; set; }
    public long Version { get; set; }
    public required string PayloadJson { get; set; }
    public long RunId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>An operator's must-link or cannot-link decision between two source records.</summary>
public sealed class MatchDecisionRow
{
    public long Id { get; set; }
    public required string LeftKey { get; set; }
    public required string RightKey { get; set; }
    public required string Kind { get; set; }
    public required string Author { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}

/// <summary>A pair in the review band, waiting for an operator.</summary>
public sealed class ReviewItemRow
{
    public long Id { get; set; }
    public required string LeftKey { get; set; }
    public required string RightKey { get; set; }
    public double Probability { get; set; }
    public required string ExplanationJson { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public long? DecisionId { get; set; }
}

/// <summary>An API key; only its hash is stored.</summary>
public sealed class ApiKeyRow
{
    /// <summary>The key's public prefix (first part of the key), used to find it.</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }
    public required string Hash { get; set; }

    /// <summary>Space-separated scopes, e.g. <c>operator read</c>.</summary>
    public required string Scopes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
