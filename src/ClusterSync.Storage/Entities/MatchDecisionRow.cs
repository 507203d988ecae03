namespace ClusterSync.Storage.Entities;

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
