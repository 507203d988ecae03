using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

public sealed partial class MatchingEngine
{
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
                RemoveEdges(old, dirtyIndices);
                _table.Remove(key);
            }
        }

        var drafts = upserts.Select(FeatureDraft.From).ToList();
        var added = new List<int>(drafts.Count);
        var scratch = new List<long>();
        foreach (var draft in drafts)
        {
            var index = _table.Add(draft);
            _table.Weigh(_table[index]!);
            _adjacency.Add(null);
            added.Add(index);
        }

        var keysOf = new Dictionary<int, long[]>();
        foreach (var index in added)
        {
            scratch.Clear();
            BlockingRules.KeysOf(_table, _table[index]!, _settings.MaxRareTokenFrequency, scratch);
            keysOf[index] = [.. scratch.Distinct()];
            foreach (var key in keysOf[index])
            {
                _blocks.Add(key, index);
                if (BlockingRules.IsExactName(key) && _blocks.SizeOf(key) > BlockingRules.CapOf(key, _settings.MaxBlockSize))
                {
                    MarkFrequentName(key);
                }
            }
        }

        ScoreNew(added, keysOf, dirtyIndices);
        foreach (var key in SetDecisions(decisions))
        {
            dirty.Add(key);
        }

        foreach (var index in dirtyIndices)
        {
            if (_table[index] is { } f)
            {
                dirty.Add(f.Key);
            }
        }

        return dirty;
    }

    private void ScoreNew(List<int> added, Dictionary<int, long[]> keysOf, HashSet<int> dirtyIndices)
    {
        var review = ReviewWeight;
        var stamp = new int[_table.Capacity];
        var done = new HashSet<(int, int)>();
        Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
        foreach (var i in added)
        {
            var candidates = new List<int>();
            foreach (var key in keysOf[i])
            {
                CollectBlock(key, i, i + 1, stamp, onlyGreater: false, candidates);
            }

            foreach (var j in candidates)
            {
                if (!done.Add(Ordered(i, j)))
                {
                    continue;
                }

                Comparisons.Compare(_table, _table[i]!, _table[j]!, _settings.SharedDomainThreshold, levels);
                var weight = Score(_table[i]!, _table[j]!, levels);
                if (weight >= review)
                {
                    AddEdge(new MatchEdge(Math.Min(i, j), Math.Max(i, j), (float)weight));
                    dirtyIndices.Add(j);
                }
            }
        }
    }

    /// <summary>Replaces the operator decisions; returns the keys of pairs whose decision changed.</summary>
    private List<SourceRecordKey> SetDecisions(IReadOnlyCollection<MatchDecision> decisions)
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
        RefreshDecisionIndex();
        return changed;
    }

    private void RefreshDecisionIndex()
    {
        _decisions.Clear();
        foreach (var decision in _decisionList)
        {
            if (_table.TryGetIndex(decision.Left, out var a) && _table.TryGetIndex(decision.Right, out var b) && a != b)
            {
                _decisions[Ordered(a, b)] = decision.Kind;
            }
        }
    }

    /// <summary>The clusters of every component that contains one of the keys.</summary>
    public IReadOnlyList<IReadOnlyList<SourceRecordKey>> ClustersContaining(IEnumerable<SourceRecordKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        RefreshDecisionIndex();
        var seen = new HashSet<int>();
        var result = new List<IReadOnlyList<SourceRecordKey>>();
        foreach (var key in keys)
        {
            if (!_table.TryGetIndex(key, out var start) || seen.Contains(start))
            {
                continue;
            }

            var component = Component(start, seen);
            foreach (var cluster in ClusterComponent(component))
            {
                result.Add([.. cluster.Select(i => _table[i]!.Key)]);
            }
        }

        return result;
    }

    /// <summary>Every live record's cluster, as a cluster number per input position of Load.</summary>
    public int[] ClusterAll()
    {
        RefreshDecisionIndex();
        var clusterOf = new int[_table.Capacity];
        Array.Fill(clusterOf, -1);
        var seen = new HashSet<int>();
        var next = 0;
        foreach (var i in _table.LiveIndices())
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
        var match = MatchWeight;
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

    private string? DecisionOf(int a, int b) => _decisions.Count == 0 ? null : _decisions.GetValueOrDefault(Ordered(a, b));

    private List<List<int>> ClusterComponent(List<int> component)
    {
        if (component.Count == 1)
        {
            return [component];
        }

        var match = MatchWeight;
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

        var review = ReviewWeight;
        var anyCannotLink = _decisions.ContainsValue(MatchDecisionKinds.CannotLink);
        return ClusterBuilder.Cluster(
            component,
            edges,
            (a, b) => DecisionOf(a, b) == MatchDecisionKinds.MustLink || EdgeWeight(a, b) >= review || Decisive(_table[a]!, _table[b]!),
            anyCannotLink ? (a, b) => DecisionOf(a, b) == MatchDecisionKinds.CannotLink : null,
            _settings.MinClusterCohesion);
    }
}
