namespace ClusterSync.Storage.Entities;

/// <summary>One operator action (who, what, when): schedule changes, triggers, cancellations, holds, decisions, keys.</summary>
public sealed class OperatorActionRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }

    /// <summary>What was done, e.g. <c>schedule.change</c>, <c>run.trigger</c>, <c>hold.confirm</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. a source id or <c>run:42</c>.</summary>
    public required string Target { get; set; }

    public string? Details { get; set; }
}
