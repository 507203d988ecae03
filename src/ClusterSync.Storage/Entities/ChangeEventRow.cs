namespace ClusterSync.Storage.Entities;

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
