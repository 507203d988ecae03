using ClusterSync.Storage.Entities;

namespace ClusterSync.Storage.ReadModels;

/// <summary>A pair of source records in the review band.</summary>
public sealed record ReviewItemView(long Id, string Left, string Right, double Probability, string Status, DateTimeOffset CreatedAt, string? DecidedBy)
{
    internal static ReviewItemView From(ReviewItemRow row) =>
        new(row.Id, row.LeftKey, row.RightKey, row.Probability, row.Status, row.CreatedAt, row.DecidedBy);
}
