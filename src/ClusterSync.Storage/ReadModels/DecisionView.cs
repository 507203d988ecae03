using ClusterSync.Storage.Entities;

namespace ClusterSync.Storage.ReadModels;

/// <summary>An operator's must-link or cannot-link decision between two source records (<c>source:sourceId</c>).</summary>
public sealed record DecisionView(
    long Id,
    string LeftKey,
    string RightKey,
    string Kind,
    string Author,
    string Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    internal static DecisionView From(MatchDecisionRow row) =>
        new(row.Id, row.LeftKey, row.RightKey, row.Kind, row.Author, row.Reason, row.CreatedAt, row.RevokedAt, row.RevokedBy);
}
