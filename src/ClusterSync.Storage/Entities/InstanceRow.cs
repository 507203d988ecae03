namespace ClusterSync.Storage.Entities;

/// <summary>A running ClusterSync process; its heartbeat tells the others it is alive (its runs are not abandoned).</summary>
public sealed class InstanceRow
{
    public required string Id { get; set; }
    public required string Host { get; set; }
    public int ProcessId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset HeartbeatAt { get; set; }

    /// <summary>Set when the process stopped cleanly.</summary>
    public DateTimeOffset? StoppedAt { get; set; }
}
