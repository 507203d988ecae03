using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>The service's resolver: the matching engine over schema v1 records.</summary>
public sealed class EntityResolver(MatchingSettings settings) : IEntityResolver
{
    private readonly Dictionary<SourceRecordKey, SourceRecord> _records = [];
    private MatchingEngine _engine = new(settings);

    public int Count => _records.Count;

    public MatchingEngine Engine => _engine;

    public bool TryGetRecord(SourceRecordKey key, out SourceRecord record) => _records.TryGetValue(key, out record!);

    public void Load(IReadOnlyCollection<SourceRecord> records, IReadOnlyCollection<MatchDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records.Clear();
        foreach (var record in records)
        {
            _records[record.Key] = record;
        }

        _engine = new MatchingEngine(settings);
        _engine.Load([.. _records.Values.Select(MatchInput.From)], decisions);
    }

    public IReadOnlySet<SourceRecordKey> Apply(
        IReadOnlyCollection<SourceRecord> upserts, IReadOnlyCollection<SourceRecordKey> removals, IReadOnlyCollection<MatchDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        foreach (var key in removals)
        {
            _records.Remove(key);
        }

        foreach (var record in upserts)
        {
            _records[record.Key] = record;
        }

        return _engine.Apply([.. upserts.Select(MatchInput.From)], removals, decisions);
    }

    public IReadOnlyList<ResolvedCluster> ClustersContaining(IEnumerable<SourceRecordKey> keys) =>
        [.. _engine.ClustersContaining(keys).Select(members => new ResolvedCluster(members, members.Count > 1 ? _engine.LinksWithin(members) : []))];

    public IReadOnlyList<ScoredPair> ReviewPairs(IEnumerable<SourceRecordKey> keys) => _engine.ReviewPairs(keys);

    public PairExplanation Explain(SourceRecordKey left, SourceRecordKey right) => _engine.Explain(left, right);

    public IReadOnlyList<CandidateMatch> Score(SourceRecord record, int limit) => _engine.ScoreAgainst(MatchInput.From(record), limit);
}
