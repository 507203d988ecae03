namespace ClusterSync.Core.Matching;

/// <summary>
/// Scores candidate pairs with the estimated model: the comparison levels, the model's weight, the name
/// gate (names decide, places support) and the exact-key union.
/// </summary>
internal sealed class PairScorer(FeatureTable table, FellegiSunterModel model, MatchingSettings settings)
{
    public FellegiSunterModel Model => model;

    /// <summary>Pairs at or above this weight are linked automatically.</summary>
    public double MatchWeight { get; } = FellegiSunterModel.WeightOf(settings.MatchThreshold);

    /// <summary>Pairs at or above this weight (and below <see cref="MatchWeight"/>) are kept for review.</summary>
    public double ReviewWeight { get; } = FellegiSunterModel.WeightOf(settings.ReviewThreshold);

    /// <summary>Weight given to a pair the exact-key union links: just above the auto-match threshold.</summary>
    public double UnionWeight => MatchWeight + 0.01;

    private double GateCap { get; } = FellegiSunterModel.WeightOf((settings.MatchThreshold + settings.ReviewThreshold) / 2);

    /// <summary><c>match</c>, <c>review</c> or <c>non-match</c> by the thresholds.</summary>
    public string Outcome(double probability) =>
        probability >= settings.MatchThreshold ? "match" : probability >= settings.ReviewThreshold ? "review" : "non-match";

    /// <summary>Every comparison level of a pair.</summary>
    public void Compare(RecordFeatures a, RecordFeatures b, Span<sbyte> levels) =>
        Comparisons.Compare(table, a, b, settings.SharedDomainThreshold, levels);

    /// <summary>The pair's match weight from its levels: the model's, through the name gate, raised by the exact-key union.</summary>
    public double Score(RecordFeatures a, RecordFeatures b, ReadOnlySpan<sbyte> levels)
    {
        var weight = Gate(levels, model.TotalWeight(levels));
        return Decisive(a, b) ? Math.Max(weight, UnionWeight) : weight;
    }

    /// <summary>
    /// Names decide, places support. Organisations are identified by their names: without name evidence
    /// (names unrelated, no acronym relation) a pair is never linked automatically unless it shares a web
    /// site no other record uses. Names with conflicting distinctive words (each has words the other lacks)
    /// are never linked automatically, whatever else they share: an agency's programmes share its address,
    /// switchboard and domain, and "Environmental Business Cluster" is not "Northwest Environmental Business
    /// Council" in the same building. Such pairs can still reach the review band.
    /// </summary>
    public double Gate(ReadOnlySpan<sbyte> levels, double weight) =>
        NamesRelated(levels) ? weight : Math.Min(weight, GateCap);

    /// <summary>Whether the gate lets the pair through (decided by the identity comparisons alone).</summary>
    public static bool NamesRelated(ReadOnlySpan<sbyte> levels) =>
        levels[Comparisons.Name] >= 2 || levels[Comparisons.Acronym] >= 2
        || (levels[Comparisons.Domain] == 4 && levels[Comparisons.Name] != 1);

    /// <summary>
    /// The exact-key union: records with the same full name in the same country, whose web domains do not
    /// conflict, are the same organisation when that name and country are shared by more records than a
    /// block may hold. Such mass repetition is one organisation registered over and over (branches, yearly
    /// re-registrations, a list joined with itself); comparing its records pairwise would cost O(n²), and
    /// the pairs the sorted neighbourhood compares link them all.
    /// </summary>
    public static bool Decisive(RecordFeatures a, RecordFeatures b) =>
        (a.FrequentName || b.FrequentName) && a.NameId >= 0 && a.NameId == b.NameId && a.Country == b.Country
        && !IdentifierComparisons.DomainsConflict(a, b);

    /// <summary>
    /// Scores every candidate pair of a bulk build in parallel; returns the edges at or above the review
    /// weight. Batch runs (which keep no review pairs) skip the pairs the gate cannot let through.
    /// </summary>
    public List<MatchEdge> ScoreAll(CandidateIndex index, (int[] Starts, int[] Blocks) keysByRecord, int parallelism, out long pairs)
    {
        long counted = 0;
        var capacity = table.Capacity;
        var found = new List<MatchEdge>[parallelism];
        Parallel.For(0, parallelism, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, worker =>
        {
            var stamp = new int[capacity];
            var edges = new List<MatchEdge>();
            var candidates = new List<int>();
            Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
            for (var i = worker; i < capacity; i += parallelism)
            {
                if (table[i] is not { } a)
                {
                    continue;
                }

                index.Candidates(i, keysByRecord, stamp, onlyGreater: true, candidates);
                Interlocked.Add(ref counted, candidates.Count);
                foreach (var j in candidates)
                {
                    var b = table[j]!;
                    Comparisons.CompareIdentity(table, a, b, settings.SharedDomainThreshold, levels);
                    if (!settings.KeepReviewPairs && !NamesRelated(levels) && !Decisive(a, b))
                    {
                        // Without name evidence the pair can only reach the review band, which batch runs do not keep.
                        continue;
                    }

                    Comparisons.CompareRest(a, b, levels);
                    var weight = Score(a, b, levels);
                    if (weight >= ReviewWeight)
                    {
                        edges.Add(new MatchEdge(i, j, (float)weight));
                    }
                }
            }

            found[worker] = edges;
        });

        pairs = counted;
        return [.. found.SelectMany(edges => edges)];
    }

    /// <summary>Scores records added to the warm index against their candidates; returns the edges at or above the review weight.</summary>
    public List<MatchEdge> ScoreNew(CandidateIndex index, IReadOnlyList<(int Index, long[] Keys)> added)
    {
        var stamp = new int[table.Capacity];
        var done = new HashSet<(int, int)>();
        var edges = new List<MatchEdge>();
        var candidates = new List<int>();
        Span<sbyte> levels = stackalloc sbyte[Comparisons.Count];
        foreach (var (i, keys) in added)
        {
            candidates.Clear();
            foreach (var key in keys)
            {
                index.CollectKey(key, i, i + 1, stamp, onlyGreater: false, candidates);
            }

            foreach (var j in candidates)
            {
                if (!done.Add(i < j ? (i, j) : (j, i)))
                {
                    continue;
                }

                Compare(table[i]!, table[j]!, levels);
                var weight = Score(table[i]!, table[j]!, levels);
                if (weight >= ReviewWeight)
                {
                    edges.Add(new MatchEdge(Math.Min(i, j), Math.Max(i, j), (float)weight));
                }
            }
        }

        return edges;
    }
}
