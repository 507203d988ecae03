using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// A record with its comparable strings already extracted (name keys and words, places, identifiers): what a bulk
/// <see cref="MatchingEngine.Load(PreparedInput[], IReadOnlyCollection{MatchDecision}, bool, IProgress{string})"/>
/// takes. A reader prepares each record as it reads it and keeps this, not the larger <see cref="MatchInput"/>.
/// </summary>
public sealed class PreparedInput
{
    private PreparedInput(FeatureDraft draft) => Draft = draft;

    internal FeatureDraft Draft { get; }

    public SourceRecordKey Key => Draft.Key;

    /// <summary>Prepares one record (pure; safe to call from many threads).</summary>
    public static PreparedInput From(MatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new PreparedInput(FeatureDraft.From(input));
    }
}
