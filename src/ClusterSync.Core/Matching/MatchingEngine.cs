using System.Runtime.InteropServices;

namespace ClusterSync.Core.Matching;

/// <summary>
/// Probabilistic record linkage over <see cref="MatchInput"/>s: blocking, Fellegi–Sunter scoring with
/// unsupervised estimation, constrained clustering. Holds its index between calls so that changes re-score
/// only the blocks they touch. Not thread-safe for writes.
/// </summary>
public sealed partial class MatchingEngine
{
    private readonly MatchingSettings _settings;
    private readonly FeatureTable _table = new();
    private readonly BlockIndex _blocks = new();
    private readonly List<List<MatchEdge>?> _adjacency = [];
    private readonly Dictionary<(int, int), string> _decisions = [];
    private readonly List<MatchDecision> _decisionList = [];
    private FellegiSunterModel _model;

    /// <summary>Per record (CSR), its neighbours in the sorted neighbourhoods of oversized exact-key blocks of the last bulk load.</summary>
    private (int[] Starts, int[] Neighbours) _subBlocked = ([0], []);

    public MatchingEngine(MatchingSettings settings)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _model = FellegiSunterModel.Estimate([], new Dictionary<ulong, int>(), new Dictionary<ulong, int>(), new Dictionary<ulong, int>(), settings);
    }

    public int Count => _table.LiveCount;

    private double MatchWeight => FellegiSunterModel.WeightOf(_settings.MatchThreshold);

    private double ReviewWeight => FellegiSunterModel.WeightOf(_settings.ReviewThreshold);

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
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, i =>
        {
            drafts[i] = FeatureDraft.From(inputs[i]);
            if (release)
            {
                ((MatchInput[])inputs)[i] = null!;
            }
        });
        progress?.Report($"features of {inputs.Count:N0} records");
        _table.AddRange(drafts);
        _adjacency.AddRange(new List<MatchEdge>?[drafts.Length]);
        drafts = null!;

        progress?.Report("features interned");
        Parallel.For(0, _table.Capacity, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, i =>
        {
            if (_table[i] is { } f)
            {
                _table.Weigh(f);
            }
        });
        progress?.Report("name words weighed");

        var keysByRecord = BuildBlocks();
        _subBlocked = SubBlockOversized();
        progress?.Report("blocking keys indexed");
        _model = EstimateModel(keysByRecord);
        progress?.Report($"model estimated (prior match probability {_model.Prior:0.####}; names only {_model.PriorsByEvidence[0]:0.####}, with corroborating fields {_model.PriorsByEvidence[1]:0.####})");
        var pairs = ScoreAll(keysByRecord);
        CandidatePairCount = pairs;
        SetDecisions(decisions);
        progress?.Report($"{pairs:N0} candidate pairs scored");
    }

    private (int[] Starts, int[] Blocks) BuildBlocks()
    {
        // Keys per record in parallel (reads only), then laid out record after record.
        var perRecord = new long[_table.Capacity][];
        Parallel.For(
            0,
            _table.Capacity,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            () => new List<long>(),
            (i, _, scratch) =>
            {
                if (_table[i] is not { } f)
                {
                    perRecord[i] = [];
                    return scratch;
                }

                scratch.Clear();
                BlockingRules.KeysOf(_table, f, _settings.MaxRareTokenFrequency, scratch);
                scratch.Sort();
                var unique = 0;
                for (var k = 0; k < scratch.Count; k++)
                {
                    if (k == 0 || scratch[k] != scratch[k - 1])
                    {
                        scratch[unique++] = scratch[k];
                    }
                }

                perRecord[i] = CollectionsMarshal.AsSpan(scratch)[..unique].ToArray();
                return scratch;
            },
            _ => { });

        var starts = new int[_table.Capacity + 1];
        for (var i = 0; i < _table.Capacity; i++)
        {
            starts[i + 1] = starts[i] + perRecord[i].Length;
        }

        var sortedKeys = new long[starts[_table.Capacity]];
        var records = new int[sortedKeys.Length];
        for (var i = 0; i < _table.Capacity; i++)
        {
            perRecord[i].CopyTo(sortedKeys, starts[i]);
            records.AsSpan(starts[i], perRecord[i].Length).Fill(i);
            perRecord[i] = null!;
        }

        return _blocks.Build(sortedKeys, records, sortedKeys.Length, _table.Capacity);
    }

    /// <summary>u from random pairs; m and the prior by EM over the candidate pairs of a sample of records.</summary>
    private FellegiSunterModel EstimateModel((int[] Starts, int[] Blocks) keysByRecord)
    {
        var live = _table.LiveIndices().ToArray();
        var random = new Random(_settings.Seed);
        var randomLevels = new List<sbyte[]>();
        var allPairs = (long)live.Length * (live.Length - 1) / 2;
        if (allPairs <= _settings.USampleSize)
        {
            for (var a = 0; a < live.Length; a++)
            {
                for (var b = a + 1; b < live.Length; b++)
                {
                    randomLevels.Add(LevelsOf(live[a], live[b]));
                }
            }
        }
        else
        {
            for (var s = 0; s < _settings.USampleSize; s++)
            {
                var a = live[random.Next(live.Length)];
                var b = live[random.Next(live.Length)];
                if (a != b)
                {
                    randomLevels.Add(LevelsOf(a, b));
                }
            }
        }

        var stride = Math.Max(1, live.Length / Math.Max(1, _settings.EmSampleSize));
        var sample = live.Where((_, n) => n % stride == 0).ToArray();
        var nameBlocked = new Dictionary<ulong, int>();
        var candidates = new Dictionary<ulong, int>();
        var stamp = new int[_table.Capacity];
        var byName = new int[_table.Capacity];
        var found = new List<int>();
        foreach (var i in sample)
        {
            found.Clear();
            for (var k = keysByRecord.Starts[i]; k < keysByRecord.Starts[i + 1]; k++)
            {
                var block = keysByRecord.Blocks[k];
                CollectBlock(block, i, i + 1, stamp, onlyGreater: false, found);
                if (BlockingRules.UsesNames(_blocks.KeyOf(block)) && _blocks.SizeOf(block) <= BlockingRules.CapOf(_blocks.KeyOf(block), _settings.MaxBlockSize))
                {
                    // Pairs first found through another rule may also share a name block.
                    foreach (var j in _blocks.MembersOf(block))
                    {
                        byName[j] = i + 1;
                    }
                }
            }

            foreach (var j in found)
            {
                var packed = CountPattern(candidates, i, j);
                if (byName[j] == i + 1)
                {
                    nameBlocked[packed] = nameBlocked.GetValueOrDefault(packed) + 1;
                }
            }
        }

        var nameFree = NameFreePatterns(sample);
        return FellegiSunterModel.Estimate(randomLevels, nameFree, nameBlocked, candidates, _settings);
    }

    private ulong CountPattern(Dictionary<ulong, int> patterns, int i, int j)
    {
        Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
        Comparisons.Compare(_table, _table[i]!, _table[j]!, _settings.SharedDomainThreshold, levels);
        var key = FellegiSunterModel.Pack(levels);
        patterns[key] = patterns.GetValueOrDefault(key) + 1;
        return key;
    }

    /// <summary>Level patterns of pairs that share a place, domain or phone, found without looking at names.</summary>
    private Dictionary<ulong, int> NameFreePatterns(int[] sample)
    {
        var keys = new List<long>();
        var records = new List<int>();
        var scratch = new List<long>();
        foreach (var i in _table.LiveIndices())
        {
            scratch.Clear();
            BlockingRules.NameFreeKeysOf(_table, _table[i]!, scratch);
            foreach (var key in scratch)
            {
                keys.Add(key);
                records.Add(i);
            }
        }

        var index = new BlockIndex();
        index.Build([.. keys], [.. records], keys.Count, _table.Capacity);
        var patterns = new Dictionary<ulong, int>();
        var stamp = new int[_table.Capacity];
        var random = new Random(_settings.Seed + 1);
        foreach (var i in sample.Take(Math.Max(1, _settings.EmSampleSize / 4)))
        {
            scratch.Clear();
            BlockingRules.NameFreeKeysOf(_table, _table[i]!, scratch);
            foreach (var key in scratch)
            {
                var (members, _) = index.Members(key);
                // Large blocks (a city) are sampled rather than skipped: they are the least biased pairs.
                var take = Math.Min(members.Length, 20);
                for (var n = 0; n < take; n++)
                {
                    var j = members.Span[members.Length <= 20 ? n : random.Next(members.Length)];
                    if (j != i && stamp[j] != i + 1)
                    {
                        stamp[j] = i + 1;
                        CountPattern(patterns, i, j);
                    }
                }
            }
        }

        return patterns;
    }

    private sbyte[] LevelsOf(int a, int b)
    {
        var levels = new sbyte[Comparisons.Count];
        Comparisons.Compare(_table, _table[a]!, _table[b]!, _settings.SharedDomainThreshold, levels);
        return levels;
    }

    /// <summary>Candidates of record <paramref name="i"/>: live members of its blocks under the size cap, each once.</summary>
    private void Candidates(int i, (int[] Starts, int[] Blocks) blocksByRecord, int[] stamp, bool onlyGreater, List<int> result)
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
                var j = _subBlocked.Neighbours[k];
                if ((!onlyGreater || j > i) && stamp[j] != mark && _table[j] is not null)
                {
                    stamp[j] = mark;
                    result.Add(j);
                }
            }
        }
    }

    /// <summary>Candidates from a base block (bulk loading: no overlay exists yet).</summary>
    private void CollectBlock(int block, int i, int mark, int[] stamp, bool onlyGreater, List<int> result)
    {
        if (_blocks.SizeOf(block) > BlockingRules.CapOf(_blocks.KeyOf(block), _settings.MaxBlockSize))
        {
            return;
        }

        foreach (var j in _blocks.MembersOf(block))
        {
            if (j != i && (!onlyGreater || j > i) && stamp[j] != mark && _table[j] is not null)
            {
                stamp[j] = mark;
                result.Add(j);
            }
        }
    }

    private void CollectBlock(long key, int i, int mark, int[] stamp, bool onlyGreater, List<int> result)
    {
        var (baseMembers, overlay) = _blocks.Members(key);
        if (baseMembers.Length + (overlay?.Count ?? 0) > BlockingRules.CapOf(key, _settings.MaxBlockSize))
        {
            if (BlockingRules.IsExact(key))
            {
                foreach (var j in OversizedNeighbours(key, i, baseMembers, overlay))
                {
                    if (j != i && (!onlyGreater || j > i) && stamp[j] != mark && _table[j] is not null)
                    {
                        stamp[j] = mark;
                        result.Add(j);
                    }
                }
            }

            return;
        }

        foreach (var j in baseMembers.Span)
        {
            Consider(j);
        }

        if (overlay is not null)
        {
            foreach (var j in overlay)
            {
                Consider(j);
            }
        }

        void Consider(int j)
        {
            if (j != i && (!onlyGreater || j > i) && stamp[j] != mark && _table[j] is not null)
            {
                stamp[j] = mark;
                result.Add(j);
            }
        }
    }

    private long ScoreAll((int[] Starts, int[] Blocks) keysByRecord)
    {
        long pairs = 0;
        var review = ReviewWeight;
        var capacity = _table.Capacity;
        var found = new List<MatchEdge>[Parallelism];
        Parallel.For(0, Parallelism, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, worker =>
        {
            var stamp = new int[capacity];
            var edges = new List<MatchEdge>();
            var candidates = new List<int>();
            Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
            for (var i = worker; i < capacity; i += Parallelism)
            {
                if (_table[i] is not { } a)
                {
                    continue;
                }

                Candidates(i, keysByRecord, stamp, onlyGreater: true, candidates);
                Interlocked.Add(ref pairs, candidates.Count);
                foreach (var j in candidates)
                {
                    var b = _table[j]!;
                    Comparisons.CompareIdentity(_table, a, b, _settings.SharedDomainThreshold, levels);
                    if (!_settings.KeepReviewPairs && !MayPassGate(levels))
                    {
                        // Without name evidence the pair can only reach the review band, which batch runs do not keep.
                        continue;
                    }

                    Comparisons.CompareRest(a, b, levels);
                    var weight = Score(a, b, levels);
                    if (weight >= review)
                    {
                        edges.Add(new MatchEdge(i, j, (float)weight));
                    }
                }
            }

            found[worker] = edges;
        });

        foreach (var edges in found)
        {
            foreach (var edge in edges)
            {
                AddEdge(edge);
            }
        }

        return pairs;
    }

    /// <summary>The pair's match weight from its levels: the model's, through the name gate, raised by the exact-key union.</summary>
    private double Score(RecordFeatures a, RecordFeatures b, ReadOnlySpan<sbyte> levels)
    {
        var weight = Gate(levels, _model.TotalWeight(levels));
        return Decisive(a, b) ? Math.Max(weight, UnionWeight) : weight;
    }

    /// <summary>
    /// The exact-key union: records with the same full name in the same country, whose web domains do not
    /// conflict, are the same organisation when that name and country are shared by more records than a
    /// block may hold. Such mass repetition is one organisation registered over and over (branches, yearly
    /// re-registrations, a list joined with itself); comparing its records pairwise would cost O(n²), and
    /// the pairs the sorted neighbourhood compares link them all.
    /// </summary>
    private static bool Decisive(RecordFeatures a, RecordFeatures b) =>
        (a.FrequentName || b.FrequentName) && a.NameId >= 0 && a.NameId == b.NameId && a.Country == b.Country
        && !Comparisons.DomainsConflict(a, b);

    /// <summary>Weight given to a pair the exact-key union links: just above the auto-match threshold.</summary>
    private double UnionWeight => MatchWeight + 0.01;

    /// <summary>
    /// Names decide, places support. Organisations are identified by their names: without name evidence
    /// (names unrelated, no acronym relation) a pair is never linked automatically unless it shares a web
    /// site no other record uses. Names with conflicting distinctive words (each has words the other lacks)
    /// are never linked automatically, whatever else they share: an agency's programmes share its address,
    /// switchboard and domain, and "Environmental Business Cluster" is not "Northwest Environmental Business
    /// Council" in the same building. Such pairs can still reach the review band.
    /// </summary>
    private double Gate(ReadOnlySpan<sbyte> levels, double weight) =>
        NamesRelated(levels) ? weight : Math.Min(weight, GateCap);

    private double GateCap => FellegiSunterModel.WeightOf((_settings.MatchThreshold + _settings.ReviewThreshold) / 2);

    /// <summary>Whether the gate can pass once the address is known (from the identity comparisons alone).</summary>
    private static bool MayPassGate(ReadOnlySpan<sbyte> levels) => NamesRelated(levels);

    private static bool NamesRelated(ReadOnlySpan<sbyte> levels) =>
        levels[Comparisons.Name] >= 2 || levels[Comparisons.Acronym] >= 2
        || (levels[Comparisons.Domain] == 4 && levels[Comparisons.Name] != 1);

    private void AddEdge(MatchEdge edge)
    {
        (_adjacency[edge.A] ??= []).Add(edge);
        (_adjacency[edge.B] ??= []).Add(edge);
    }

    private void RemoveEdges(int index, HashSet<int> neighbours)
    {
        if (_adjacency[index] is not { } edges)
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

    private float EdgeWeight(int a, int b)
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

    private static (int, int) Ordered(int a, int b) => a < b ? (a, b) : (b, a);
}
