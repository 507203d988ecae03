namespace ClusterSync.Storage.Entities;

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
