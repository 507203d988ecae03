using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClusterSync.Core.Matching;

/// <summary>
/// The candidate index (blocking): every record's blocking keys in a <see cref="BlockIndex"/>, and the
/// candidates of a record — the members of its blocks within their size cap, and its neighbours in the
/// sorted neighbourhood of each oversized exact-key block (<see cref="SortedNeighbourhood"/>). Members of an
/// oversized exact-name block are marked <see cref="RecordFeatures.FrequentName"/> for the exact-key union.
/// </summary>
internal sealed class CandidateIndex(FeatureTable table, MatchingSettings settings)
{
    private readonly BlockIndex _blocks = new();

    /// <summary>Per record (CSR), its neighbours in the sorted neighbourhoods of oversized exact-key blocks of the last bulk build.</summary>
    private (int[] Starts, int[] Neighbours) _subBlocked = ([0], []);

    /// <summary>The blocks of the base; also what a bulk pass reads.</summary>
    public BlockIndex Blocks => _blocks;

    /// <summary>Builds the index of every record in bulk; returns each record's block ids (CSR), for the bulk passes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int[] Starts, int[] Blocks) Build(int parallelism)
    {
        // Keys per range of records in parallel (reads only), then laid out record after record: one list per
        // range rather than an array per record, which a million records would make a million objects.
        const int RangeSize = 8_192;
        var n = table.Capacity;
        var ranges = (n + RangeSize - 1) / RangeSize;
        var rangeKeys = new List<long>[ranges];
        var counts = new int[n];
        Parallel.For(
            0,
            ranges,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (range) =>
            {
                var keys = new List<long>(RangeSize * 8);
                var scratch = new List<long>();
                for (var i = range * RangeSize; i < Math.Min(n, (range + 1) * RangeSize); i++)
                {
                    if (table[i] is not { } f)
                    {
                        continue;
                    }

                    scratch.Clear();
                    BlockingRules.KeysOf(table, f, settings.MaxRareTokenFrequency, scratch);
                    scratch.Sort();
                    for (var k = 0; k < scratch.Count; k++)
                    {
                        if (k == 0 || scratch[k] != scratch[k - 1])
                        {
                            keys.Add(scratch[k]);
                            counts[i]++;
                        }
                    }
                }

                rangeKeys[range] = keys;
            });

        var starts = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            starts[i + 1] = starts[i] + counts[i];
        }

        var sortedKeys = new long[starts[n]];
        var records = new int[sortedKeys.Length];
        for (var range = 0; range < ranges; range++)
        {
            CollectionsMarshal.AsSpan(rangeKeys[range]).CopyTo(sortedKeys.AsSpan(starts[range * RangeSize]));
            rangeKeys[range] = null!;
        }

        for (var i = 0; i < n; i++)
        {
            records.AsSpan(starts[i], counts[i]).Fill(i);
        }

        var byRecord = _blocks.Build(sortedKeys, records, sortedKeys.Length, table.Capacity);
        _subBlocked = SubBlockOversized();
        return byRecord;
    }

    /// <summary>Whether a block of the base is within its size cap (expanded into all its pairs).</summary>
    public bool WithinCap(int block) => _blocks.SizeOf(block) <= CapOf(_blocks.KeyOf(block));

    public int CapOf(long key) => BlockingRules.CapOf(key, settings.MaxBlockSize);

    /// <summary>Candidates of record <paramref name="i"/> after a bulk build: live members of its blocks under the cap and its sub-block neighbours, each once.</summary>
    public void Candidates(int i, (int[] Starts, int[] Blocks) blocksByRecord, int[] stamp, bool onlyGreater, List<int> result)
    {
        result.Clear();
        var mark = i + 1;
        for (var k = blocksByRecord.Starts[i]; k < blocksByRecord.Starts[i + 1]; k++)
        {
            CollectBlock(blocksByRecord.Blocks[k], i, mark, stamp, onlyGreater, result);
        }

        if (i + 1 < _subBlocked.Starts.Length)
        {
            for (var k = _subBlocked.Starts[i]; k < _subBlocked.Starts[i + 1]; k++)
            {
                Consider(_subBlocked.Neighbours[k], i, mark, stamp, onlyGreater, result);
            }
        }
    }

    /// <summary>Candidates from a base block within its cap (a bulk pass: no overlay exists yet).</summary>
    public void CollectBlock(int block, int i, int mark, int[] stamp, bool onlyGreater, List<int> result)
    {
        if (!WithinCap(block))
        {
            return;
        }

        foreach (var j in _blocks.MembersOf(block))
        {
            Consider(j, i, mark, stamp, onlyGreater, result);
        }
    }

    /// <summary>Candidates from a block of the warm index (base and overlay); an oversized exact-key block gives the record's neighbours.</summary>
    public void CollectKey(long key, int i, int mark, int[] stamp, bool onlyGreater, List<int> result)
    {
        var (baseMembers, overlay) = _blocks.Members(key);
        if (baseMembers.Length + (overlay?.Count ?? 0) > CapOf(key))
        {
            if (BlockingRules.IsExact(key))
            {
                var neighbours = new HashSet<int>();
                SortedNeighbourhood.NeighboursOf(table, i, Concat(baseMembers, overlay), neighbours);
                foreach (var j in neighbours)
                {
                    Consider(j, i, mark, stamp, onlyGreater, result);
                }
            }

            return;
        }

        foreach (var j in baseMembers.Span)
        {
            Consider(j, i, mark, stamp, onlyGreater, result);
        }

        foreach (var j in overlay ?? [])
        {
            Consider(j, i, mark, stamp, onlyGreater, result);
        }
    }

    private void Consider(int j, int i, int mark, int[] stamp, bool onlyGreater, List<int> result)
    {
        if (j != i && (!onlyGreater || j > i) && stamp[j] != mark && table[j] is not null)
        {
            stamp[j] = mark;
            result.Add(j);
        }
    }

    /// <summary>Indexes a record added to the warm index; returns its distinct keys.</summary>
    public long[] Add(int index)
    {
        var scratch = new List<long>();
        BlockingRules.KeysOf(table, table[index]!, settings.MaxRareTokenFrequency, scratch);
        var keys = scratch.Distinct().ToArray();
        foreach (var key in keys)
        {
            _blocks.Add(key, index);
            if (BlockingRules.IsExactName(key) && _blocks.SizeOf(key) > CapOf(key))
            {
                MarkFrequentName(key);
            }
        }

        return keys;
    }

    /// <summary>The held records that the keys of a record not held reach (sub-blocked where a block is oversized).</summary>
    public HashSet<int> ProbeCandidates(RecordFeatures features)
    {
        var keys = new List<long>();
        BlockingRules.KeysOf(table, features, settings.MaxRareTokenFrequency, keys);
        var candidates = new HashSet<int>();
        foreach (var key in keys.Distinct())
        {
            var (baseMembers, overlay) = _blocks.Members(key);
            if (baseMembers.Length + (overlay?.Count ?? 0) <= CapOf(key))
            {
                candidates.UnionWith(baseMembers.ToArray());
                candidates.UnionWith(overlay ?? []);
            }
            else if (BlockingRules.IsExact(key))
            {
                features.FrequentName |= BlockingRules.IsExactName(key);
                SortedNeighbourhood.NeighboursOf(table, features, int.MaxValue, Concat(baseMembers, overlay), candidates);
            }
        }

        return candidates;
    }

    /// <summary>
    /// Whether blocking brings two held records together: a shared block within its cap, or neighbours in
    /// the sorted neighbourhood of an oversized exact-key block.
    /// </summary>
    public bool AreCandidates(int a, int b)
    {
        if (SubBlockNeighbours(a, b))
        {
            return true;
        }

        var keys = new List<long>();
        BlockingRules.KeysOf(table, table[a]!, settings.MaxRareTokenFrequency, keys);
        foreach (var key in keys)
        {
            var (baseMembers, overlay) = _blocks.Members(key);
            if (baseMembers.Length + (overlay?.Count ?? 0) <= CapOf(key) && (baseMembers.Span.Contains(b) || (overlay?.Contains(b) ?? false)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The blocking rules that put two records together, for explanations.</summary>
    public List<string> SharedRules(RecordFeatures a, int indexA, RecordFeatures b, int indexB)
    {
        var keysA = new List<long>();
        var keysB = new List<long>();
        BlockingRules.KeysOf(table, a, settings.MaxRareTokenFrequency, keysA);
        BlockingRules.KeysOf(table, b, settings.MaxRareTokenFrequency, keysB);
        List<string> rules = [.. keysA.Intersect(keysB).Where(k => _blocks.SizeOf(k) <= CapOf(k))
            .Select(k => BlockingRules.Names[BlockingRules.RuleOf(k)]).Distinct().Order(StringComparer.Ordinal)];
        if (indexA >= 0 && indexB >= 0 && SubBlockNeighbours(indexA, indexB))
        {
            rules.Add("sorted neighbourhood of an oversized exact-key block");
        }

        return rules;
    }

    /// <summary>Sub-block neighbours of every record of the last bulk build (both directions), for blocking quality.</summary>
    public IEnumerable<(int A, int B)> SubBlockPairs()
    {
        for (var a = 0; a + 1 < _subBlocked.Starts.Length; a++)
        {
            for (var k = _subBlocked.Starts[a]; k < _subBlocked.Starts[a + 1]; k++)
            {
                yield return (a, _subBlocked.Neighbours[k]);
            }
        }
    }

    private bool SubBlockNeighbours(int a, int b)
    {
        if (a + 1 >= _subBlocked.Starts.Length)
        {
            return false;
        }

        return _subBlocked.Neighbours.AsSpan(_subBlocked.Starts[a], _subBlocked.Starts[a + 1] - _subBlocked.Starts[a]).Contains(b);
    }

    /// <summary>
    /// Sub-blocks every oversized exact-key block of the base: its members' neighbours in the sorted
    /// neighbourhood become their candidates; members of an oversized exact-name block are marked.
    /// </summary>
    private (int[] Starts, int[] Neighbours) SubBlockOversized()
    {
        var neighbours = new List<int>?[table.Capacity];
        var any = false;
        for (var block = 0; block < _blocks.BlockCount; block++)
        {
            var key = _blocks.KeyOf(block);
            if (WithinCap(block) || !BlockingRules.IsExact(key))
            {
                continue;
            }

            any = true;
            var members = _blocks.MembersOf(block);
            if (BlockingRules.IsExactName(key))
            {
                foreach (var m in members)
                {
                    table[m]!.FrequentName = true;
                }
            }

            SortedNeighbourhood.Pairs(table, members, (x, y) =>
            {
                (neighbours[x] ??= []).Add(y);
                (neighbours[y] ??= []).Add(x);
            });
        }

        if (!any)
        {
            return ([0], []);
        }

        var starts = new int[table.Capacity + 1];
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

    /// <summary>Marks every live member of an exact-name block that has grown past its cap.</summary>
    private void MarkFrequentName(long key)
    {
        var (baseMembers, overlay) = _blocks.Members(key);
        foreach (var m in Concat(baseMembers, overlay))
        {
            if (table[m] is { } f)
            {
                f.FrequentName = true;
            }
        }
    }

    private static List<int> Concat(ReadOnlyMemory<int> baseMembers, List<int>? overlay)
    {
        var members = new List<int>(baseMembers.Length + (overlay?.Count ?? 0));
        members.AddRange(baseMembers.Span);
        members.AddRange(overlay ?? []);
        return members;
    }
}
