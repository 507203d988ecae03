using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// Groups source records that describe the same organisation. Holds the records in memory between runs
/// (the warm index) and re-scores only the blocks that changes touch. Not thread-safe: callers serialise
/// writes (one publisher at a time).
/// </summary>
public interface IEntityResolver
{
    /// <summary>Number of records held.</summary>
    int Count { get; }

    bool TryGetRecord(SourceRecordKey key, out SourceRecord record);

    /// <summary>Replaces everything held (start-up rebuild).</summary>
    void Load(IReadOnlyCollection<SourceRecord> records, IReadOnlyCollection<MatchDecision> decisions);

    /// <summary>
    /// Adds or replaces records, removes others, replaces the operator decisions; returns the keys whose
    /// cluster may have changed (including removed ones).
    /// </summary>
    IReadOnlySet<SourceRecordKey> Apply(
        IReadOnlyCollection<SourceRecord> upserts,
        IReadOnlyCollection<SourceRecordKey> removals,
        IReadOnlyCollection<MatchDecision> decisions);

    /// <summary>The current clusters that contain any of the keys (keys not held are ignored).</summary>
    IReadOnlyList<ResolvedCluster> ClustersContaining(IEnumerable<SourceRecordKey> keys);

    /// <summary>Pairs in the review band that involve any of the keys.</summary>
    IReadOnlyList<ScoredPair> ReviewPairs(IEnumerable<SourceRecordKey> keys);

    /// <summary>Every comparison and its weight for one pair (held or not yet linked).</summary>
    PairExplanation Explain(SourceRecordKey left, SourceRecordKey right);

    /// <summary>
    /// The held records most likely to describe the same organisation as <paramref name="record"/>, which is
    /// not held and is not added: at most <paramref name="limit"/>, best first, each with its probability and
    /// explanation. Nothing held changes.
    /// </summary>
    IReadOnlyList<CandidateMatch> Score(SourceRecord record, int limit);
}

/// <summary>One cluster: its members and the links that hold it together.</summary>
public sealed record ResolvedCluster(IReadOnlyList<SourceRecordKey> Members, IReadOnlyList<ScoredPair> Links);

/// <summary>A scored pair of records.</summary>
/// <param name="Probability">Match probability in [0, 1].</param>
/// <param name="Weight">Total match weight (log2 Bayes factor, prior included).</param>
/// <param name="Decision">An operator decision that overrode the score, if any.</param>
public sealed record ScoredPair(SourceRecordKey Left, SourceRecordKey Right, double Probability, double Weight, string? Decision = null);

/// <summary>An operator's decision about a pair of source records.</summary>
public sealed record MatchDecision(SourceRecordKey Left, SourceRecordKey Right, string Kind)
{
    /// <summary>The pair in canonical order (ordinal by <c>source:sourceId</c>).</summary>
    public (SourceRecordKey, SourceRecordKey) Pair =>
        string.CompareOrdinal(Left.ToString(), Right.ToString()) <= 0 ? (Left, Right) : (Right, Left);
}
