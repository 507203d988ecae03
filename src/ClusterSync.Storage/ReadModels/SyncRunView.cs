using System.Text.Json;
using ClusterSync.Storage.Entities;

namespace ClusterSync.Storage.ReadModels;

/// <summary>One sync run with its outcome, counts and per-phase timings, as operators see it.</summary>
/// <param name="Phases">Milliseconds per phase (read, detect, reconcile, publish) of a published run.</param>
/// <param name="HeldDeletionCount">For a held run: how many deletions wait (or waited) for an operator.</param>
/// <param name="HoldResolution">For a held run: <c>confirmed</c>, <c>rejected</c>, <c>superseded</c>, or null while pending.</param>
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
    string? InstanceId,
    string? RequestedBy,
    bool ConfirmDeletions,
    DateTimeOffset? CancelRequestedAt,
    IReadOnlyDictionary<string, long>? Phases,
    int HeldDeletionCount,
    string? HoldResolution,
    string? HoldResolvedBy,
    DateTimeOffset? HoldResolvedAt)
{
    internal static SyncRunView From(SyncRunRow row) => new(
        row.Id, row.Source, row.Mode, row.Status, row.Trigger, row.StartedAt, row.FinishedAt, row.ItemsRead, row.NewCount, row.ChangedCount,
        row.UnchangedCount, row.GoneCount, row.QuarantinedCount, row.OrganisationsChanged, row.HighWaterMark, row.Error, row.InstanceId,
        row.RequestedBy, row.ConfirmDeletions, row.CancelRequestedAt,
        row.PhasesJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, long>>(row.PhasesJson),
        HeldIds(row).Count, row.HoldResolution, row.HoldResolvedBy, row.HoldResolvedAt);

    internal static IReadOnlyList<string> HeldIds(SyncRunRow row) =>
        row.HeldDeletionsJson is null ? [] : JsonSerializer.Deserialize<List<string>>(row.HeldDeletionsJson) ?? [];
}

/// <summary>A run with the source ids of its held deletions.</summary>
public sealed record SyncRunDetail(SyncRunView Run, IReadOnlyList<string> HeldDeletions);
