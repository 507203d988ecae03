using ClusterSync.Core.Records;
using ClusterSync.Storage.Entities;

namespace ClusterSync.Storage.ReadModels;

/// <summary>A stored source record some of whose fields could not be read and were left out, with a warning for each.</summary>
/// <param name="RawPayload">The record as the upstream sent it, personal data removed.</param>
public sealed record ReadWarningView(
    long Id,
    string Source,
    string SourceId,
    IReadOnlyList<string> Warnings,
    long LastChangedRunId,
    string RawPayload)
{
    internal static ReadWarningView From(SourceRecordRow row) => new(
        row.Id, row.Source, row.SourceId, RecordJson.Deserialize(row.NormalisedJson).ReadWarnings ?? [], row.LastChangedRunId, row.RawPayload);
}
