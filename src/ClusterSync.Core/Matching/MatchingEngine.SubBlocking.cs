using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>
    /// Sub-blocks every oversized exact-key block of the base (bulk load): its members' neighbours in the
    /// sorted neighbourhood become their candidates; members of an oversized exact-name block are marked
    /// for the exact-key union.
    /// </summary>
    private (int[] Starts, int[] Neighbours) SubBlockOversized()
    {
        var neighbours = new List<int>?[_table.Capacity];
        var any = false;
        for (var block = 0; block < _blocks.BlockCount; block++)
        {
            var key = _blocks.KeyOf(block);
            if (_blocks.SizeOf(block) <= BlockingRules.CapOf(key, _settings.MaxBlockSize) || !BlockingRules.IsExact(key))
            {
                continue;
            }

            any = true;
            var members = _blocks.MembersOf(block);
            if (BlockingRules.IsExactName(key))
            {
                foreach (var m in members)
                {
                    _table[m]!.FrequentName = true;
                }
            }

            SortedNeighbourhood.Pairs(_table, members, (x, y) =>
            {
                (neighbours[x] ??= []).Add(y);
                (neighbours[y] ??= []).Add(x);
            });
        }

        if (!any)
        {
            return ([0], []);
        }

        var starts = new int[_table.Capacity + 1];
        for (var i = 0; i < neighbours.Length; i++)
        {
            starts[i + 1] = starts[i] + (neighbours[i]?.Count ?? 0);
        }

        var flat = new int[starts[^1]];
        for (var i = 0; i < neighbours.Length; i++)
        {
            neighbours[i]?.CopyTo(flat, starts[i]);
        }

        return (starts, flat);
    }

    /// <summary>A record's neighbours in an oversized exact-key block of the warm index (base and overlay).</summary>
    private HashSet<int> OversizedNeighbours(long key, int record, ReadOnlyMemory<int> baseMembers, List<int>? overlay)
    {
        var members = new List<int>(baseMembers.Length + (overlay?.Count ?? 0));
        members.AddRange(baseMembers.Span);
        if (overlay is not null)
        {
            members.AddRange(overlay);
        }

        var result = new HashSet<int>();
        SortedNeighbourhood.NeighboursOf(_table, record, members, result);
        return result;
    }

    /// <summary>Marks every live member of an exact-name block that has grown past its cap.</summary>
    private void MarkFrequentName(long key)
    {
        var (baseMembers, overlay) = _blocks.Members(key);
        foreach (var m in baseMembers.Span)
        {
            if (_table[m] is { } f)
            {
                f.FrequentName = true;
            }
        }

        foreach (var m in overlay ?? [])
        {
            if (_table[m] is { } f)
            {
                f.FrequentName = true;
            }
        }
    }

    /// <summary>Whether two records are neighbours in a sorted neighbourhood of the last bulk load.</summary>
    private bool SubBlockNeighbours(int a, int b)
    {
        if (a + 1 >= _subBlocked.Starts.Length)
        {
            return false;
        }

        for (var k = _subBlocked.Starts[a]; k < _subBlocked.Starts[a + 1]; k++)
        {
            if (_subBlocked.Neighbours[k] == b)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Blocking against true labels (same order as the keys): true pairs, the true pairs blocking brings
    /// together — directly or through a chain of candidate pairs within their true cluster, which is what
    /// transitive clustering can link — and the true pairs that only an oversized block shares, lost to the caps.
    /// </summary>
    internal (long TruePairs, long Blocked, long LostToCaps) MeasureBlocking(IReadOnlyList<SourceRecordKey> keys, IReadOnlyList<string> truth)
    {
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelOf = new int[_table.Capacity];
        Array.Fill(labelOf, -1);
        var sizes = new List<long>();
        for (var k = 0; k < keys.Count; k++)
        {
            if (!labels.TryGetValue(truth[k], out var label))
            {
                labels[truth[k]] = label = labels.Count;
                sizes.Add(0);
            }

            sizes[label]++;
            if (_table.TryGetIndex(keys[k], out var i))
            {
                labelOf[i] = label;
            }
        }

        var capped = new DisjointSets(_table.Capacity);
        var uncapped = new DisjointSets(_table.Capacity);
        var firstOfLabel = new Dictionary<int, int>();
        foreach (var (key, members) in _blocks.AllBlocks())
        {
            var withinCap = members.Count <= BlockingRules.CapOf(key, _settings.MaxBlockSize);
            var live = members.Where(m => _table[m] is not null && labelOf[m] >= 0);
            firstOfLabel.Clear();
            foreach (var m in live)
            {
                if (firstOfLabel.TryGetValue(labelOf[m], out var first))
                {
                    uncapped.Union(first, m);
                    if (withinCap)
                    {
                        capped.Union(first, m);
                    }
                }
                else
                {
                    firstOfLabel[labelOf[m]] = m;
                }
            }
        }

        for (var a = 0; a + 1 < _subBlocked.Starts.Length; a++)
        {
            for (var k = _subBlocked.Starts[a]; k < _subBlocked.Starts[a + 1]; k++)
            {
                var b = _subBlocked.Neighbours[k];
                if (labelOf[a] >= 0 && labelOf[a] == labelOf[b] && _table[a] is not null && _table[b] is not null)
                {
                    capped.Union(a, b);
                }
            }
        }

        return (sizes.Sum(n => n * (n - 1) / 2), capped.PairsWithin(), uncapped.PairsWithin() - capped.PairsWithin());
    }

    /// <summary>Union–find over record indices.</summary>
    private sealed class DisjointSets
    {
        private readonly int[] _parent;

        public DisjointSets(int count)
        {
            _parent = new int[count];
            for (var i = 0; i < count; i++)
            {
                _parent[i] = i;
            }
        }

        public void Union(int a, int b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra != rb)
            {
                _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
            }
        }

        private int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }

            return x;
        }

        /// <summary>Pairs of elements in the same set.</summary>
        public long PairsWithin()
        {
            var sizes = new Dictionary<int, long>();
            for (var i = 0; i < _parent.Length; i++)
            {
                var root = Find(i);
                sizes[root] = sizes.GetValueOrDefault(root) + 1;
            }

            return sizes.Values.Sum(n => n * (n - 1) / 2);
        }
    }
}
