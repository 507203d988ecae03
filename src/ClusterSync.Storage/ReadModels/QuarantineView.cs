using ClusterSync.Storage.Entities;

namespace ClusterSync.Storage.ReadModels;

/// <summary>An upstream item that could not be read or normalised, with its reason.</summary>
public sealed record QuarantineView(
    long Id,
    string Source,
    string? SourceId,
    string Reason,
    string RawPayload,
    string PayloadHash,
    long FirstSeenRunId,
    DateTimeOffset QuarantinedAt,
    long? ResolvedInRunId)
{
    internal static QuarantineView From(QuarantinedRecordRow row) => new(
        row.Id, row.Source, row.SourceId, row.Reason, row.RawPayload, row.PayloadHash, row.FirstSeenRunId, row.QuarantinedAt, row.ResolvedInRunId);
}
