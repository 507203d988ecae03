using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// The match graph: scored edges between records, operators' decisions over them, and the clusters they
/// give (auto-match edges and must-links joined into components, each clustered by <see cref="ClusterBuilder"/>,
/// never across a cannot-link).
/// </summary>
internal sealed class MatchGraph(FeatureTable table, MatchingSettings settings)
{
    private readonly List<List<MatchEdge>?> _adjacency = [];
    private readonly Dictionary<(int, int), string> _decisions = [];
    private readonly List<MatchDecision> _decisionList = [];

    /// <summary>The scorer whose thresholds and exact-key union clustering follows (set after each model estimation).</summary>
    public PairScorer? Scorer { get; set; }

    private PairScorer Scoring => Scorer ?? throw new InvalidOperationException("The graph has no scorer yet.");

    /// <summary>Makes room for records added to the table (slots follow the table's indices).</summary>
    public void Grow()
    {
        while (_adjacency.Count < table.Capacity)
        {
            _adjacency.Add(null);
        }
    }

    public void AddEdge(MatchEdge edge)
    {
        (_adjacency[edge.A] ??= []).Add(edge);
        (_adjacency[edge.B] ??= []).Add(edge);
    }

    /// <summary>Removes a record's edges; its former neighbours are added to <paramref name="neighbours"/>.</summary>
    public void RemoveEdges(int index, HashSet<int> neighbours)
    {
        if (index >= _adjacency.Count || _adjacency[index] is not { } edges)
        {
            return;
        }

        foreach (var edge in edges)
        {
            var other = edge.A == index ? edge.B : edge.A;
            neighbours.Add(other);
            _adjacency[other]?.RemoveAll(e => e.A == index || e.B == index);
        }

        _adjacency[index] = null;
    }

    public float EdgeWeight(int a, int b)
    {
        if (_adjacency[a] is { } edges)
        {
            foreach (var e in edges)
            {
                if ((e.A == a && e.B == b) || (e.A == b && e.B == a))
                {
                    return e.Weight;
                }
            }
        }

        return float.NegativeInfinity;
    }

    /// <summary>A record's edges (null when it has none).</summary>
    public List<MatchEdge>? EdgesOf(int index) => _adjacency[index];

    /// <summary>Replaces the operator decisions; returns the keys of pairs whose decision changed.</summary>
    public List<SourceRecordKey> SetDecisions(IReadOnlyCollection<MatchDecision> decisions)
    {
        var changed = new List<SourceRecordKey>();
        var incoming = decisions.Select(d => (Pair: d.Pair, d.Kind)).ToHashSet();
        var existing = _decisionList.Select(d => (Pair: d.Pair, d.Kind)).ToHashSet();
        foreach (var (pair, _) in incoming.Except(existing).Concat(existing.Except(incoming)))
        {
            changed.Add(pair.Item1);
            changed.Add(pair.Item2);
        }

        _decisionList.Clear();
        _decisionList.AddRange(decisions);
        RefreshDecisions();
        return changed;
    }

    /// <summary>Maps the decisions onto the current record indices (records come and go).</summary>
    public void RefreshDecisions()
    {
        _decisions.Clear();
        foreach (var decision in _decisionList)
        {
            if (table.TryGetIndex(decision.Left, out var a) && table.TryGetIndex(decision.Right, out var b) && a != b)
            {
                _decisions[Ordered(a, b)] = decision.Kind;
            }
        }
    }

    public string? DecisionOf(int a, int b) => _decisions.Count == 0 ? null : _decisions.GetValueOrDefault(Ordered(a, b));

    /// <summary>The must-link decisions between held records.</summary>
    public IEnumerable<(int A, int B)> MustLinks() =>
        _decisions.Where(d => d.Value == MatchDecisionKinds.MustLink).Select(d => d.Key);

    /// <summary>The clusters of every component that contains one of the record indices.</summary>
    public List<List<int>> ClustersContaining(IEnumerable<int> indices)
    {
        RefreshDecisions();
        var seen = new HashSet<int>();
        var result = new List<List<int>>();
        foreach (var start in indices)
        {
            if (seen.Contains(start))
            {
                continue;
            }

            result.AddRange(ClusterComponent(Component(start, seen)));
        }

        return result;
    }

    /// <summary>Every live record's cluster number (-1 for free slots).</summary>
    public int[] ClusterAll()
    {
        RefreshDecisions();
        var clusterOf = new int[table.Capacity];
        Array.Fill(clusterOf, -1);
        var seen = new HashSet<int>();
        var next = 0;
        foreach (var i in table.LiveIndices())
        {
            if (seen.Contains(i))
            {
                continue;
            }

            foreach (var cluster in ClusterComponent(Component(i, seen)))
            {
                foreach (var member in cluster)
                {
                    clusterOf[member] = next;
                }

                next++;
            }
        }

        return clusterOf;
    }

    /// <summary>Records reachable from <paramref name="start"/> over auto-match edges and must-links.</summary>
    private List<int> Component(int start, HashSet<int> seen)
    {
        var match = Scoring.MatchWeight;
        var component = new List<int>();
        var queue = new Queue<int>();
        seen.Add(start);
        queue.Enqueue(start);
        while (queue.TryDequeue(out var node))
        {
            component.Add(node);
            if (_adjacency[node] is { } edges)
            {
                foreach (var e in edges)
                {
                    var other = e.A == node ? e.B : e.A;
                    if (e.Weight >= match && DecisionOf(node, other) != MatchDecisionKinds.CannotLink && seen.Add(other))
                    {
                        queue.Enqueue(other);
                    }
                }
            }

            foreach (var other in MustLinksOf(node))
            {
                if (seen.Add(other))
                {
                    queue.Enqueue(other);
                }
            }
        }

        return component;
    }

    private IEnumerable<int> MustLinksOf(int node)
    {
        if (_decisions.Count == 0)
        {
            yield break;
        }

        foreach (var ((a, b), kind) in _decisions)
        {
            if (kind == MatchDecisionKinds.MustLink && (a == node || b == node))
            {
                yield return a == node ? b : a;
            }
        }
    }

    private List<List<int>> ClusterComponent(List<int> component)
    {
        if (component.Count == 1)
        {
            return [component];
        }

        var match = Scoring.MatchWeight;
        var members = component.ToHashSet();
        var edges = new List<MatchEdge>();
        foreach (var node in component)
        {
            if (_adjacency[node] is { } list)
            {
                foreach (var e in list)
                {
                    if (e.A == node && e.Weight >= match && members.Contains(e.B) && DecisionOf(e.A, e.B) is null)
                    {
                        edges.Add(e);
                    }
                }
            }

            foreach (var other in MustLinksOf(node))
            {
                if (node < other)
                {
                    edges.Add(new MatchEdge(node, other, float.MaxValue));
                }
            }
        }

        var review = Scoring.ReviewWeight;
        var anyCannotLink = _decisions.ContainsValue(MatchDecisionKinds.CannotLink);
        return ClusterBuilder.Cluster(
            component,
            edges,
            (a, b) => DecisionOf(a, b) == MatchDecisionKinds.MustLink || EdgeWeight(a, b) >= review || PairScorer.Decisive(table[a]!, table[b]!),
            anyCannotLink ? (a, b) => DecisionOf(a, b) == MatchDecisionKinds.CannotLink : null,
            settings.MinClusterCohesion);
    }

    /// <summary>Links in the review band (not auto-matched, not decided) that involve any of the record indices.</summary>
    public IReadOnlyList<ScoredPair> ReviewPairs(IEnumerable<int> indices)
    {
        var match = Scoring.MatchWeight;
        var result = new Dictionary<(int, int), ScoredPair>();
        foreach (var i in indices)
        {
            foreach (var e in _adjacency[i] ?? [])
            {
                if (e.Weight < match && DecisionOf(e.A, e.B) is null)
                {
                    var (left, right) = OrderedKeys(table[e.A]!.Key, table[e.B]!.Key);
                    result[Ordered(e.A, e.B)] = new ScoredPair(left, right, FellegiSunterModel.Probability(e.Weight), e.Weight);
                }
            }
        }

        return [.. result.Values.OrderByDescending(p => p.Weight).ThenBy(p => p.Left.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>The links inside a set of records (edges and must-links), for explanations and link strength.</summary>
    public IReadOnlyList<ScoredPair> LinksWithin(HashSet<int> indices)
    {
        var result = new List<ScoredPair>();
        foreach (var i in indices)
        {
            foreach (var e in _adjacency[i] ?? [])
            {
                if (e.A == i && indices.Contains(e.B))
                {
                    var (left, right) = OrderedKeys(table[e.A]!.Key, table[e.B]!.Key);
                    result.Add(new ScoredPair(left, right, FellegiSunterModel.Probability(e.Weight), e.Weight, DecisionOf(e.A, e.B)));
                }
            }
        }

        foreach (var (a, b) in MustLinks())
        {
            if (indices.Contains(a) && indices.Contains(b) && EdgeWeight(a, b) == float.NegativeInfinity)
            {
                var (left, right) = OrderedKeys(table[a]!.Key, table[b]!.Key);
                result.Add(new ScoredPair(left, right, 1, double.PositiveInfinity, MatchDecisionKinds.MustLink));
            }
        }

        return [.. result.OrderByDescending(p => p.Weight).ThenBy(p => p.Left.ToString(), StringComparer.Ordinal)];
    }

    private static (int, int) Ordered(int a, int b) => a < b ? (a, b) : (b, a);

    private static (SourceRecordKey, SourceRecordKey) OrderedKeys(SourceRecordKey a, SourceRecordKey b) =>
        string.CompareOrdinal(a.ToString(), b.ToString()) <= 0 ? (a, b) : (b, a);
}
