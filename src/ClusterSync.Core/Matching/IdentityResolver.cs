using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// A resolver that links nothing: every source record is its own organisation. Used when matching is
/// switched off (<c>Matching:Enabled=false</c>) and as the baseline the real engine is compared with.
/// </summary>
public sealed class IdentityResolver : IEntityResolver
{
    private readonly Dictionary<SourceRecordKey, SourceRecord> _records = [];

    public int Count => _records.Count;

    public bool TryGetRecord(SourceRecordKey key, out SourceRecord record) => _records.TryGetValue(key, out record!);

    public void Load(IReadOnlyCollection<SourceRecord> records, IReadOnlyCollection<MatchDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records.Clear();
        foreach (var record in records)
        {
            _records[record.Key] = record;
        }
    }

    public IReadOnlySet<SourceRecordKey> Apply(
        IReadOnlyCollection<SourceRecord> upserts,
        IReadOnlyCollection<SourceRecordKey> removals,
        IReadOnlyCollection<MatchDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        var dirty = new HashSet<SourceRecordKey>();
        foreach (var record in upserts)
        {
            _records[record.Key] = record;
            dirty.Add(record.Key);
        }

        foreach (var key in removals)
        {
            _records.Remove(key);
            dirty.Add(key);
        }

        return dirty;
    }

    public IReadOnlyList<ResolvedCluster> ClustersContaining(IEnumerable<SourceRecordKey> keys) =>
        [.. keys.Distinct().Where(_records.ContainsKey).Select(k => new ResolvedCluster([k], []))];

    public IReadOnlyList<ScoredPair> ReviewPairs(IEnumerable<SourceRecordKey> keys) => [];

    public PairExplanation Explain(SourceRecordKey left, SourceRecordKey right) => new()
    {
        Left = left,
        Right = right,
        Outcome = "non-match",
        Probability = 0,
        Weight = double.NegativeInfinity,
    };

    /// <summary>Nothing is ever linked: no candidates.</summary>
    public IReadOnlyList<CandidateMatch> Score(SourceRecord record, int limit) => [];
}
