using ClusterSync.Core.Normalisation.Names;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation;

/// <summary>The result of normalising one <see cref="RawOrganisation"/>: a record, or a quarantine reason.</summary>
public readonly record struct NormalisationOutcome
{
    private NormalisationOutcome(SourceRecord? record, string? quarantineReason)
    {
        Record = record;
        QuarantineReason = quarantineReason;
    }

    public SourceRecord? Record { get; }

    public string? QuarantineReason { get; }

    public bool IsQuarantined => Record is null;

    /// <summary>The analysis of the accepted record's name (for matching, which would otherwise analyse it again).</summary>
    public NameAnalysis? NameAnalysis { get; init; }

    public static NormalisationOutcome Accepted(SourceRecord record) => new(record, null);

    public static NormalisationOutcome Quarantined(string reason) => new(null, reason);
}
