using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// The service's resolver: the matching engine over schema v1 records. The engine is always built from the
/// records in key order, and a change of at least <see cref="RebuildShare"/> of the records held rebuilds
/// it (model estimated again) instead of applying it: the same records then give the same clusters
/// whatever order the sources synced in. Smaller changes are applied to the warm index.
/// </summary>
public sealed class EntityResolver(MatchingSettings settings) : IEntityResolver
{
    /// <summary>Share of the records held (after the change) that a change must reach to rebuild the engine.</summary>
    public const double RebuildShare = 0.1;

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

        Rebuild(decisions);
    }

    private void Rebuild(IReadOnlyCollection<MatchDecision> decisions)
    {
        _engine = new MatchingEngine(settings);
        _engine.Load([.. _records.Values.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).Select(MatchInput.From)], decisions);
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

        if (upserts.Count + removals.Count >= RebuildShare * Math.Max(1, _records.Count) && upserts.Count + removals.Count > 0)
        {
            // Every cluster may change with the model: all records are dirty.
            Rebuild(decisions);
            var dirty = new HashSet<SourceRecordKey>(_records.Keys);
            dirty.UnionWith(removals);
            return dirty;
        }

        return _engine.Apply([.. upserts.Select(MatchInput.From)], removals, decisions);
    }

    public IReadOnlyList<ResolvedCluster> ClustersContaining(IEnumerable<SourceRecordKey> keys) =>
        [.. _engine.ClustersContaining(keys).Select(members => new ResolvedCluster(members, members.Count > 1 ? _engine.LinksWithin(members) : []))];

    public IReadOnlyList<ScoredPair> ReviewPairs(IEnumerable<SourceRecordKey> keys) => _engine.ReviewPairs(keys);

    public PairExplanation Explain(SourceRecordKey left, SourceRecordKey right) => _engine.Explain(left, right);

    public IReadOnlyList<CandidateMatch> Score(SourceRecord record, int limit) => _engine.ScoreAgainst(MatchInput.From(record), limit);
}
