namespace ClusterSync.Storage.Entities;

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
