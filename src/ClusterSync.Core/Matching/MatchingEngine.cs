using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// Probabilistic record linkage over <see cref="MatchInput"/>s, a façade over its parts: the features
/// (<see cref="FeatureTable"/>), the candidate index (<see cref="CandidateIndex"/>: blocking and
/// sub-blocking), model estimation (<see cref="ModelEstimator"/>), scoring (<see cref="PairScorer"/>), the
/// match graph and clustering (<see cref="MatchGraph"/>) and explanations (<see cref="PairExplainer"/>).
/// Holds its index between calls so that changes re-score only the blocks they touch. Not thread-safe for writes.
/// </summary>
public sealed class MatchingEngine
{
    private readonly MatchingSettings _settings;
    private readonly FeatureTable _table = new();
    private readonly CandidateIndex _index;
    private readonly MatchGraph _graph;
    private readonly PairExplainer _explainer;
    private PairScorer _scorer;

    public MatchingEngine(MatchingSettings settings)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _index = new CandidateIndex(_table, settings);
        _graph = new MatchGraph(_table, settings);
        _explainer = new PairExplainer(_table, _index, _graph);
        var model = FellegiSunterModel.Estimate([], new Dictionary<ulong, int>(), new Dictionary<ulong, int>(), new Dictionary<ulong, int>(), settings);
        _scorer = _graph.Scorer = new PairScorer(_table, model, settings);
    }

    /// <summary>Records held.</summary>
    public int Count => _table.LiveCount;

    /// <summary>Candidate pairs that blocking produced in the last bulk <c>Load</c>.</summary>
    public long CandidatePairCount { get; private set; }

    private int Parallelism => _settings.Parallelism > 0 ? _settings.Parallelism : Environment.ProcessorCount;

    /// <summary>Replaces everything: features, blocks, model estimation, scoring of every candidate pair.</summary>
    public void Load(IReadOnlyList<MatchInput> inputs, IReadOnlyCollection<MatchDecision> decisions, IProgress<string>? progress = null) =>
        Load(inputs, decisions, releaseInputs: false, progress);

    /// <summary>
    /// As <see cref="Load(IReadOnlyList{MatchInput}, IReadOnlyCollection{MatchDecision}, IProgress{string})"/>;
    /// with <paramref name="releaseInputs"/> the array's entries are cleared as soon as they are read, so
    /// that a large batch does not hold its raw inputs and its features at once.
    /// </summary>
    public void Load(MatchInput[] inputs, IReadOnlyCollection<MatchDecision> decisions, bool releaseInputs, IProgress<string>? progress = null) =>
        Load((IReadOnlyList<MatchInput>)inputs, decisions, releaseInputs, progress);

    private void Load(IReadOnlyList<MatchInput> inputs, IReadOnlyCollection<MatchDecision> decisions, bool releaseInputs, IProgress<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var drafts = new FeatureDraft[inputs.Count];
        var release = releaseInputs && inputs is MatchInput[];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism };
        Parallel.For(0, inputs.Count, parallel, i =>
        {
            drafts[i] = FeatureDraft.From(inputs[i]);
            if (release)
            {
                ((MatchInput[])inputs)[i] = null!;
            }
        });
        progress?.Report($"features of {inputs.Count:N0} records");
        Load(drafts, decisions, progress);
    }

    /// <summary>
    /// As <see cref="Load(IReadOnlyList{MatchInput}, IReadOnlyCollection{MatchDecision}, IProgress{string})"/> for
    /// records prepared as they were read (<see cref="PreparedInput.From"/>), so that a large batch never holds
    /// its raw inputs at all; with <paramref name="release"/> the array's entries are cleared as they are taken.
    /// </summary>
    public void Load(PreparedInput[] prepared, IReadOnlyCollection<MatchDecision> decisions, bool release, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var drafts = new FeatureDraft[prepared.Length];
        for (var i = 0; i < prepared.Length; i++)
        {
            drafts[i] = prepared[i].Draft;
            if (release)
            {
                prepared[i] = null!;
            }
        }

        progress?.Report($"features of {prepared.Length:N0} records");
        Load(drafts, decisions, progress);
    }

    /// <summary>
    /// Takes the next records of a bulk load fed as they are read (in order, one call at a time, into an engine
    /// that holds nothing else): their features are interned at once, so that a reader never holds a million
    /// prepared records, and the prepared forms die young. <see cref="CompleteLoad"/> then does the rest of a
    /// bulk <c>Load</c>; the outcome is the same as loading all the records at once.
    /// </summary>
    public void AddPrepared(IReadOnlyList<PreparedInput> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var drafts = new FeatureDraft[records.Count];
        for (var i = 0; i < drafts.Length; i++)
        {
            drafts[i] = records[i].Draft;
        }

        AddDrafts(drafts);
    }

    /// <summary>Completes a bulk load fed by <see cref="AddPrepared"/>: weights, blocking, model estimation, scoring of every candidate pair.</summary>
    public void CompleteLoad(IReadOnlyCollection<MatchDecision> decisions, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        progress?.Report("features interned");
        Complete(decisions, progress);
    }

    private void AddDrafts(FeatureDraft[] drafts)
    {
        _table.AddRange(drafts);
        _graph.Grow();

        // The drafts die here, whoever still holds the array (a caller's local stays reachable while
        // unoptimised code runs): a million of them would otherwise outlive blocking and scoring.
        Array.Clear(drafts);
    }

    private void Load(FeatureDraft[] drafts, IReadOnlyCollection<MatchDecision> decisions, IProgress<string>? progress)
    {
        AddDrafts(drafts);
        progress?.Report("features interned");
        Complete(decisions, progress);
    }

    private void Complete(IReadOnlyCollection<MatchDecision> decisions, IProgress<string>? progress)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism };
        Parallel.For(0, _table.Capacity, parallel, i =>
        {
            if (_table[i] is { } f)
            {
                _table.Weigh(f);
            }
        });
        progress?.Report("name words weighed");

        var keysByRecord = _index.Build(Parallelism);
        progress?.Report("blocking keys indexed");
        var model = new ModelEstimator(_table, _index, _settings).Estimate(keysByRecord);
        _scorer = _graph.Scorer = new PairScorer(_table, model, _settings);
        progress?.Report($"model estimated (prior match probability {model.Prior:0.####}; names only {model.PriorsByEvidence[0]:0.####}, with corroborating fields {model.PriorsByEvidence[1]:0.####})");
        var edges = _scorer.ScoreAll(_index, keysByRecord, Parallelism, out var pairs);
        foreach (var edge in edges)
        {
            _graph.AddEdge(edge);
        }

        CandidatePairCount = pairs;
        _graph.SetDecisions(decisions);
        progress?.Report($"{pairs:N0} candidate pairs scored");
    }

    /// <summary>
    /// Adds or replaces records, removes others and replaces the decisions. Only the blocks of the changed
    /// records are re-scored; the model is kept. Returns the keys whose cluster may have changed.
    /// </summary>
    public IReadOnlySet<SourceRecordKey> Apply(
        IReadOnlyCollection<MatchInput> upserts, IReadOnlyCollection<SourceRecordKey> removals, IReadOnlyCollection<MatchDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        var dirtyIndices = new HashSet<int>();
        var dirty = new HashSet<SourceRecordKey>();
        foreach (var key in removals.Concat(upserts.Select(u => u.Key)))
        {
            dirty.Add(key);
            if (_table.TryGetIndex(key, out var old))
            {
                _graph.RemoveEdges(old, dirtyIndices);
                _table.Remove(key);
            }
        }

        var added = new List<(int Index, long[] Keys)>(upserts.Count);
        foreach (var draft in upserts.Select(FeatureDraft.From).ToList())
        {
            var index = _table.Add(draft);
            _table.Weigh(_table[index]!);
            _graph.Grow();
            added.Add((index, _index.Add(index)));
        }

        foreach (var edge in _scorer.ScoreNew(_index, added))
        {
            _graph.AddEdge(edge);
            dirtyIndices.Add(edge.A);
            dirtyIndices.Add(edge.B);
        }

        dirty.UnionWith(_graph.SetDecisions(decisions));
        foreach (var index in dirtyIndices)
        {
            if (_table[index] is { } f)
            {
                dirty.Add(f.Key);
            }
        }

        return dirty;
    }

    /// <summary>The clusters of every component that contains one of the keys (keys not held are ignored).</summary>
    public IReadOnlyList<IReadOnlyList<SourceRecordKey>> ClustersContaining(IEnumerable<SourceRecordKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return [.. _graph.ClustersContaining(Indices(keys)).Select(cluster => (IReadOnlyList<SourceRecordKey>)[.. cluster.Select(i => _table[i]!.Key)])];
    }

    /// <summary>Every live record's cluster, as a cluster number per input position of Load.</summary>
    public int[] ClusterAll() => _graph.ClusterAll();

    /// <summary>Links in the review band (not auto-matched, not decided) that involve any of the keys.</summary>
    public IReadOnlyList<ScoredPair> ReviewPairs(IEnumerable<SourceRecordKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _graph.ReviewPairs(Indices(keys));
    }

    /// <summary>The links inside a cluster (tree and other linked pairs), for explanations and link strength.</summary>
    public IReadOnlyList<ScoredPair> LinksWithin(IReadOnlyList<SourceRecordKey> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return _graph.LinksWithin([.. Indices(members)]);
    }

    /// <summary>The waterfall of one pair: prior, then each comparison's level and weight.</summary>
    public PairExplanation Explain(SourceRecordKey left, SourceRecordKey right)
    {
        if (!_table.TryGetIndex(left, out var a))
        {
            throw new KeyNotFoundException($"Record {left} is not held.");
        }

        if (!_table.TryGetIndex(right, out var b))
        {
            throw new KeyNotFoundException($"Record {right} is not held.");
        }

        _graph.RefreshDecisions();
        return _explainer.Explain(_scorer, left, _table[a]!, a, right, _table[b]!, b);
    }

    /// <summary>
    /// Scores one record that is not held against the held records, without changing them: the records its
    /// blocking keys reach (sub-blocked where a block is oversized), each scored and explained as a held pair
    /// would be, best first. At most <paramref name="limit"/> are returned.
    /// </summary>
    public IReadOnlyList<CandidateMatch> ScoreAgainst(MatchInput probe, int limit)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var features = _table.Probe(FeatureDraft.From(probe));
        var scored = new List<(int Index, double Weight)>();
        Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
        foreach (var j in _index.ProbeCandidates(features))
        {
            if (_table[j] is { } held && held.Key != probe.Key)
            {
                _scorer.Compare(features, held, levels);
                scored.Add((j, _scorer.Score(features, held, levels)));
            }
        }

        _graph.RefreshDecisions();
        return [.. scored
            .OrderByDescending(c => c.Weight).ThenBy(c => _table[c.Index]!.Key.ToString(), StringComparer.Ordinal)
            .Take(limit)
            .Select(c =>
            {
                var held = _table[c.Index]!;
                var explanation = _explainer.Explain(_scorer, probe.Key, features, -1, held.Key, held, c.Index);
                return new CandidateMatch(held.Key, explanation.Probability, explanation.Weight, explanation.Outcome, explanation);
            })];
    }

    /// <summary>The estimated model, for reports: per comparison, its levels with m, u and weight.</summary>
    public ModelSummary DescribeModel() => PairExplainer.Describe(_scorer.Model);

    /// <summary>
    /// Whether blocking brings two records together: they share at least one block that is within its size
    /// cap, or they are neighbours in the sorted neighbourhood of an oversized exact-key block, so the pair
    /// is scored. Unknown keys are never candidates.
    /// </summary>
    public bool AreCandidates(SourceRecordKey left, SourceRecordKey right) =>
        _table.TryGetIndex(left, out var a) && _table.TryGetIndex(right, out var b) && a != b && _index.AreCandidates(a, b);

    /// <summary>True pairs, those blocking brings together (through chains), and those lost to the caps; see <see cref="BlockingQuality"/>.</summary>
    internal (long TruePairs, long Blocked, long LostToCaps) MeasureBlocking(IReadOnlyList<SourceRecordKey> keys, IReadOnlyList<string> truth) =>
        BlockingQuality.Count(_table, _index, keys, truth);

    private List<int> Indices(IEnumerable<SourceRecordKey> keys)
    {
        var indices = new List<int>();
        foreach (var key in keys)
        {
            if (_table.TryGetIndex(key, out var i))
            {
                indices.Add(i);
            }
        }

        return indices;
    }
}

/// <summary>A held record scored against a record that is not held (see <see cref="MatchingEngine.ScoreAgainst"/>).</summary>
/// <param name="Key">The held record.</param>
/// <param name="Probability">Match probability in [0, 1].</param>
/// <param name="Weight">Total match weight (log2 Bayes factor, prior included).</param>
/// <param name="Outcome"><c>match</c>, <c>review</c> or <c>non-match</c> by the thresholds.</param>
/// <param name="Explanation">Why the pair scored as it did (prior, each comparison, gate, union).</param>
public sealed record CandidateMatch(SourceRecordKey Key, double Probability, double Weight, string Outcome, PairExplanation Explanation);
