namespace ClusterSync.Storage.Feed;

/// <summary>One committed change event as the feed serves it.</summary>
/// <param name="Sequence">Strictly increasing in commit order; may have holes where a publication rolled back.</param>
/// <param name="Type">One of <c>ChangeEventTypes</c>.</param>
/// <param name="SurvivorId">For <c>merged</c>: the organisation the merged one became part of; for <c>split</c>: the organisation it left.</param>
/// <param name="PayloadJson">For <c>created</c>, <c>updated</c>, <c>restored</c> and <c>split</c>: the golden record; otherwise a small object.</param>
public sealed record ChangeEventView(
    long Sequence, string OrganisationId, string Type, string? SurvivorId, long Version, string PayloadJson, long RunId, DateTimeOffset OccurredAt);

/// <summary>The active directory as it was when the event numbered <see cref="Sequence"/> had committed, and nothing after.</summary>
public sealed record DirectorySnapshot(long Sequence, IReadOnlyList<SnapshotOrganisation> Organisations);

/// <summary>One active organisation of a snapshot: its version and golden record.</summary>
public sealed record SnapshotOrganisation(string Id, long Version, DateTimeOffset UpdatedAt, string GoldenJson);
