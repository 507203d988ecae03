using ClusterSync.Storage.Entities;

namespace ClusterSync.Storage.ReadModels;

/// <summary>One sync run with its outcome and counts, as operators see it.</summary>
public sealed record SyncRunView(
    long Id,
    string Source,
    string Mode,
    string Status,
    string? Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int ItemsRead,
    int NewCount,
    int ChangedCount,
    int UnchangedCount,
    int GoneCount,
    int QuarantinedCount,
    int OrganisationsChanged,
    DateTimeOffset? HighWaterMark,
    string? Error,
    string? InstanceId)
{
    internal static SyncRunView From(SyncRunRow row) => new(
        row.Id, row.Source, row.Mode, row.Status, row.Trigger, row.StartedAt, row.FinishedAt, row.ItemsRead, row.NewCount, row.ChangedCount,
        row.UnchangedCount, row.GoneCount, row.QuarantinedCount, row.OrganisationsChanged, row.HighWaterMark, row.Error, row.InstanceId);
}
