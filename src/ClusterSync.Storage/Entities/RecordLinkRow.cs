namespace ClusterSync.Storage.Entities;

/// <summary>Which directory organisation a source record belongs to.</summary>
public sealed class RecordLinkRow
{
    public required string Source { get; set; }
    public required string SourceId { get; set; }
    public required string OrganisationId { get; set; }
    public double? MatchProbability { get; set; }
    public long LinkedInRunId { get; set; }
}
