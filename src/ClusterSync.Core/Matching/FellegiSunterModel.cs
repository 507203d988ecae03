namespace ClusterSync.Core.Matching;

/// <summary>
/// m- and u-probabilities per comparison level, the prior, and the match weights derived from them.
/// u is estimated from random pairs, m and the prior by expectation–maximisation over blocked pairs
/// (u held fixed), each overridable by configuration.
/// </summary>
internal sealed class FellegiSunterModel
{
    private readonly double[][] _weights;
    private readonly double[] _priorWeights;

    /// <param name="priorsByEvidence">
    /// The prior per kind of available evidence (<see cref="EvidenceKinds"/>, indexed by <see cref="EvidenceOf"/>);
    /// <paramref name="prior"/> for every kind when null.
    /// </param>
    public FellegiSunterModel(double[][] m, double[][] u, double prior, double minWeight, double maxWeight, double[]? priorsByEvidence = null)
    {
        M = m;
        U = u;
        Prior = Math.Clamp(prior, 1e-9, 0.5);
        PriorsByEvidence = [.. (priorsByEvidence ?? [Prior, Prior]).Select(p => Math.Clamp(p, 1e-9, 0.5))];
        _priorWeights = [.. PriorsByEvidence.Select(p => Math.Log2(p / (1 - p)))];
        _weights = new double[m.Length][];
        for (var c = 0; c < m.Length; c++)
        {
            _weights[c] = new double[m[c].Length];
            for (var l = 0; l < m[c].Length; l++)
            {
                _weights[c][l] = Math.Clamp(Math.Log2(m[c][l] / u[c][l]), minWeight, Math.Min(maxWeight, Comparisons.All[c].CapOf(l)));
            }
        }

        PriorWeight = Math.Log2(Prior / (1 - Prior));
    }

    public double[][] M { get; }
    public double[][] U { get; }
    /// <summary>The share of candidate pairs that match, over all candidate pairs (for reports).</summary>
    public double Prior { get; }

    public double PriorWeight { get; }

    /// <summary>The prior of the pairs of each kind of available evidence (<see cref="EvidenceKinds"/>).</summary>
    public IReadOnlyList<double> PriorsByEvidence { get; }

    /// <summary>Names of the kinds of available evidence, by <see cref="EvidenceOf"/>.</summary>
    public static readonly string[] EvidenceKinds = ["names only (no place, site or phone on both sides)", "names and a place, site or phone on both sides"];

    /// <summary>
    /// The kind of evidence a pair offers besides its names: 1 when a place, street, spot, web or e-mail
    /// domain or phone is known on both sides (something can corroborate or contradict the names), else 0.
    /// </summary>
    public static int EvidenceOf(ReadOnlySpan<sbyte> levels) =>
        levels[Comparisons.Place] >= 0 || levels[Comparisons.Street] >= 0 || levels[Comparisons.Distance] >= 0
        || levels[Comparisons.Domain] >= 0 || levels[Comparisons.Phone] >= 0 ? 1 : 0;

    /// <summary>log2 of the prior odds of a pair with these levels.</summary>
    public double PriorWeightOf(ReadOnlySpan<sbyte> levels) => _priorWeights[EvidenceOf(levels)];

    public double Weight(int comparison, int level) => level < 0 ? 0 : _weights[comparison][level];

    /// <summary>Total match weight (prior of the pair's kind of evidence included) of a comparison vector.</summary>
    public double TotalWeight(ReadOnlySpan<sbyte> levels)
    {
        var w = PriorWeightOf(levels);
        for (var c = 0; c < levels.Length; c++)
        {
            if (levels[c] >= 0)
            {
                w += _weights[c][levels[c]];
            }
        }

        return w;
    }

    public static double Probability(double weight) => 1.0 / (1.0 + Math.Pow(2, -weight));

    /// <summary>Probability at which <see cref="Probability"/> gives <paramref name="probability"/>, as a weight.</summary>
    public static double WeightOf(double probability) => Math.Log2(probability / (1 - probability));

    /// <summary>
    /// Estimates the model like Splink: u from random pairs; m by expectation–maximisation in two sessions,
    /// each learning only the comparisons its blocking does not bias (pairs found through shared places,
    /// domains or phones teach the name comparisons; pairs found through shared names, those with nearly
    /// identical names where there are enough, teach the rest);
    /// finally the prior of the real candidate pairs, with m and u fixed.
    /// </summary>
    /// <param name="randomLevels">Level vectors of random pairs.</param>
    /// <param name="nameFreePatterns">Level vectors (packed, with counts) of pairs blocked without using names.</param>
    /// <param name="nameBlockedPatterns">Level vectors of pairs blocked on names.</param>
    /// <param name="candidatePatterns">Level vectors of a sample of the real candidate pairs.</param>
    public static FellegiSunterModel Estimate(
        IReadOnlyList<sbyte[]> randomLevels,
        IReadOnlyDictionary<ulong, int> nameFreePatterns,
        IReadOnlyDictionary<ulong, int> nameBlockedPatterns,
        IReadOnlyDictionary<ulong, int> candidatePatterns,
        MatchingSettings settings)
    {
        var definitions = Comparisons.All;
        var u = EstimateU(randomLevels, definitions);
        var m = definitions.Select(d => (double[])d.DefaultM.Clone()).ToArray();
        ApplyOverrides(settings, definitions, m, u);
        var nameComparisons = new[] { Comparisons.Name, Comparisons.Acronym };
        var otherComparisons = Enumerable.Range(0, definitions.Length).Except(nameComparisons).ToArray();
        // Like Splink, a session leaves out of its E-step the comparisons its blocking biases.
        var all = Enumerable.Range(0, definitions.Length).ToArray();
        var blockedOnIdentifiers = all.Except([Comparisons.Domain, Comparisons.Phone]).ToArray();
        (m, _) = RunEm(Patterns(nameFreePatterns), m, u, 0.3, nameComparisons, blockedOnIdentifiers, settings);
        (m, _) = RunEm(NearlyIdenticalNames(Patterns(nameBlockedPatterns), otherComparisons, out var share), m, u, share, otherComparisons, otherComparisons, settings);
        KeepPlausible(m, u, definitions);
        ApplyOverrides(settings, definitions, m, u);
        if (settings.PriorMatchProbability is { } given)
        {
            return new FellegiSunterModel(m, u, given, settings.MinComparisonWeight, settings.MaxComparisonWeight);
        }

        var pooled = DeterministicPrior(candidatePatterns.Select(p => (Unpack(p.Key), (double)p.Value)));
        var byEvidence = new double[EvidenceKinds.Length];
        for (var kind = 0; kind < byEvidence.Length; kind++)
        {
            var k = kind;
            var patterns = candidatePatterns.Select(p => (Levels: Unpack(p.Key), Count: (double)p.Value)).Where(p => EvidenceOf(p.Levels) == k).ToList();
            byEvidence[kind] = patterns.Sum(p => p.Count) >= MinPairsPerEvidence ? DeterministicPrior(patterns) : pooled;
        }

        return new FellegiSunterModel(m, u, pooled, settings.MinComparisonWeight, settings.MaxComparisonWeight, byEvidence);
    }

    /// <summary>
    /// The name-blocked pairs that teach the comparisons other than names, and the share of matches to start from:
    /// those whose names are nearly identical or identical, when there are enough of them, so that the latent
    /// class is "one organisation". Over every pair that shares a name word, most of them in one town (a name's
    /// place words are words of its name), EM settles on "one place" instead: matches would then mostly have
    /// different phones, sites and streets, which the plausibility check rejects, and every comparison falls back
    /// to its defaults (seen on the generator's 100k: different phones m = 0.81, then 0.25 by default; learned
    /// from nearly identical names, 0.015).
    /// </summary>
    /// <remarks>
    /// Two latent classes are only identifiable from three or more conditionally independent indicators
    /// (<see cref="IndicatorOf"/>): with one or two (names and a street, names and an address), EM over these pairs
    /// fits a class as tight as the data allows ("the same street") and recall falls; such data keeps learning from
    /// every name-blocked pair, as before.
    /// </remarks>
    private static List<(sbyte[] Levels, double Count)> NearlyIdenticalNames(
        List<(sbyte[] Levels, double Count)> nameBlocked, int[] others, out double share)
    {
        var nearlyIdentical = nameBlocked.Where(p => p.Levels[Comparisons.Name] >= NearlyIdenticalNameLevel).ToList();
        var total = nearlyIdentical.Sum(p => p.Count);
        var observed = others
            .Where(c => nearlyIdentical.Where(p => p.Levels[c] >= 0).Sum(p => p.Count) >= MinObservedShare * total)
            .Select(IndicatorOf)
            .Distinct()
            .Count();
        if (total >= MinNearlyIdenticalPairs && observed >= MinIndicators)
        {
            share = 0.5;
            return nearlyIdentical;
        }

        share = 0.1;
        return nameBlocked;
    }

    /// <summary>Comparisons besides names, each observed on enough of the pairs, that two latent classes need.</summary>
    private const int MinIndicators = 3;

    /// <summary>
    /// The indicator a comparison gives: the place, street, distance and country of a pair are one (they are not
    /// independent: one address), each other comparison its own. With a town, a postal code and a street alone, EM
    /// over nearly identical names learned "the same address" (recall 0.940 → 0.912 on synthetic-10k cut down so).
    /// </summary>
    private static int IndicatorOf(int comparison) =>
        comparison is Comparisons.Street or Comparisons.Distance or Comparisons.Country ? Comparisons.Place : comparison;

    /// <summary>The share of the pairs on which a comparison must be observed to count as one of <see cref="MinIndicators"/>.</summary>
    private const double MinObservedShare = 0.1;

    /// <summary>The name level from which names count as nearly identical ("very similar", then "identical").</summary>
    private const int NearlyIdenticalNameLevel = 4;

    /// <summary>Sampled pairs with nearly identical names needed to learn from them alone (else from every name-blocked pair).</summary>
    private const int MinNearlyIdenticalPairs = 100;

    /// <summary>Sampled candidate pairs a kind of evidence needs for a prior of its own (else the pooled prior).</summary>
    private const int MinPairsPerEvidence = 200;

    /// <summary>
    /// The share of candidate pairs that match (estimated for each kind of available evidence apart, so that
    /// where a corroborating column exists on a few pairs only, those pairs get the strict rule and the
    /// others the names alone), estimated like Splink's deterministic-rule estimate: pairs a
    /// strict rule accepts (nearly identical names plus a shared locality or postal code, site, e-mail
    /// domain, phone, street or spot within 2 km — or alone, when the data rarely corroborates names that
    /// way; or a site no one else uses plus a similar name), divided by the rule's assumed recall. EM over the candidates would
    /// be pulled up by the very confident name levels.
    /// </summary>
    private static double DeterministicPrior(IEnumerable<(sbyte[] Levels, double Count)> candidatePatterns)
    {
        const double assumedRecall = 0.6;
        double total = 0, strongNames = 0, corroboratedStrongNames = 0, siteAndName = 0;
        foreach (var (l, count) in candidatePatterns)
        {
            total += count;
            if (l[Comparisons.Domain] == 4 && l[Comparisons.Name] >= 2)
            {
                siteAndName += count;
            }
            else if (l[Comparisons.Name] >= 4)
            {
                strongNames += count;
                if (Corroborated(l))
                {
                    corroboratedStrongNames += count;
                }
            }
        }

        // When the data hardly ever corroborates even nearly identical names (names only, names and
        // countries, names and regions), the name alone is the rule: otherwise the prior falls to its floor
        // and no pair can match.
        var namesAlone = corroboratedStrongNames < MinCorroboration * strongNames;
        var accepted = siteAndName + (namesAlone ? strongNames : corroboratedStrongNames);

        // One pseudo-match in twenty pseudo-pairs keeps small inputs from an extreme prior.
        return Math.Clamp((accepted + 1) / assumedRecall / (total + 20), 1e-4, 0.5);
    }

    /// <summary>Share of nearly identical names that the data must corroborate for the strict rule to apply.</summary>
    private const double MinCorroboration = 0.2;

    private static bool Corroborated(sbyte[] l) =>
        l[Comparisons.Place] >= 2 || l[Comparisons.Domain] >= 2 || l[Comparisons.Phone] == 1 || l[Comparisons.Street] >= 2
        || l[Comparisons.Distance] >= 3;

    /// <summary>
    /// EM can settle on a latent class that is not "same organisation" (e.g. "same city"). A comparison
    /// whose estimate says that its best level is no evidence of a match, or that matches mostly disagree
    /// on it, is put back to its defaults.
    /// </summary>
    private static void KeepPlausible(double[][] m, double[][] u, ComparisonDefinition[] definitions)
    {
        for (var c = 0; c < definitions.Length; c++)
        {
            var top = m[c].Length - 1;
            var implausible = m[c][top] <= u[c][top] || m[c][0] > Math.Max(0.25, 3 * definitions[c].DefaultM[0]);
            if (implausible)
            {
                m[c] = (double[])definitions[c].DefaultM.Clone();
            }
        }
    }

    private static List<(sbyte[] Levels, double Count)> Patterns(IReadOnlyDictionary<ulong, int> packed) =>
        [.. packed.OrderBy(p => p.Key).Select(p => (Unpack(p.Key), (double)p.Value))];

    private static double[][] EstimateU(IReadOnlyList<sbyte[]> randomLevels, ComparisonDefinition[] definitions)
    {
        var u = new double[definitions.Length][];
        for (var c = 0; c < definitions.Length; c++)
        {
            var levels = definitions[c].Levels.Length;
            var counts = new double[levels];
            foreach (var vector in randomLevels)
            {
                if (vector[c] >= 0)
                {
                    counts[vector[c]]++;
                }
            }

            // Smoothed towards the defaults so that a level never seen among random pairs keeps a small,
            // finite u (a tiny sample must not make a level infinitely strong).
            var seen = counts.Sum();
            const double pseudo = 20;
            u[c] = new double[levels];
            for (var l = 0; l < levels; l++)
            {
                var smoothedDefault = Math.Max(definitions[c].DefaultU[l], 1.0 / (seen + 1000));
                u[c][l] = (counts[l] + (pseudo * smoothedDefault)) / (seen + pseudo);
            }

            Normalise(u[c]);
        }

        return u;
    }

    /// <summary>
    /// EM over level patterns: the E-step uses the comparisons in <paramref name="use"/>; m is updated only
    /// for <paramref name="learn"/> (the others stay fixed), and the prior.
    /// </summary>
    private static (double[][] M, double Prior) RunEm(
        List<(sbyte[] Levels, double Count)> patterns, double[][] m, double[][] u, double prior, int[] learn, int[] use, MatchingSettings settings)
    {
        var definitions = Comparisons.All;
        if (patterns.Count == 0)
        {
            return (m, prior);
        }

        for (var iteration = 0; iteration < settings.EmIterations; iteration++)
        {
            var mCounts = definitions.Select(d => new double[d.Levels.Length]).ToArray();
            double matchMass = 0, totalMass = 0;
            foreach (var (levels, count) in patterns)
            {
                double logM = Math.Log(prior), logU = Math.Log(1 - prior);
                foreach (var c in use)
                {
                    if (levels[c] >= 0)
                    {
                        logM += Math.Log(m[c][levels[c]]);
                        logU += Math.Log(u[c][levels[c]]);
                    }
                }

                var posterior = 1.0 / (1.0 + Math.Exp(logU - logM));
                matchMass += posterior * count;
                totalMass += count;
                for (var c = 0; c < levels.Length; c++)
                {
                    if (levels[c] >= 0)
                    {
                        mCounts[c][levels[c]] += posterior * count;
                    }
                }
            }

            var next = m.Select(levels => (double[])levels.Clone()).ToArray();
            foreach (var c in learn)
            {
                if (settings.MProbabilities.ContainsKey(definitions[c].Name))
                {
                    continue;
                }

                next[c] = new double[definitions[c].Levels.Length];
                for (var l = 0; l < next[c].Length; l++)
                {
                    next[c][l] = mCounts[c][l] + (settings.EmPriorStrength * definitions[c].DefaultM[l]) + 1e-6;
                }

                Normalise(next[c]);
            }

            var nextPrior = Math.Clamp((matchMass + 1) / (totalMass + 2), 1e-6, 0.5);
            var delta = Math.Abs(nextPrior - prior);
            m = next;
            prior = nextPrior;
            if (delta < 1e-7 && iteration > 3)
            {
                break;
            }
        }

        return (m, prior);
    }

    private static void ApplyOverrides(MatchingSettings settings, ComparisonDefinition[] definitions, double[][] m, double[][] u)
    {
        for (var c = 0; c < definitions.Length; c++)
        {
            if (settings.MProbabilities.TryGetValue(definitions[c].Name, out var givenM) && givenM.Length == m[c].Length)
            {
                m[c] = [.. givenM];
                Normalise(m[c]);
            }

            if (settings.UProbabilities.TryGetValue(definitions[c].Name, out var givenU) && givenU.Length == u[c].Length)
            {
                u[c] = [.. givenU];
                Normalise(u[c]);
            }
        }
    }

    private static void Normalise(double[] values)
    {
        var sum = values.Sum();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(values[i] / sum, 1e-9);
        }
    }

    /// <summary>Packs a level vector (4 bits per comparison; 15 = missing) into a key.</summary>
    public static ulong Pack(ReadOnlySpan<sbyte> levels)
    {
        ulong key = 0;
        for (var c = 0; c < levels.Length; c++)
        {
            key |= (ulong)(levels[c] < 0 ? 15 : levels[c]) << (4 * c);
        }

        return key;
    }

    public static sbyte[] Unpack(ulong key)
    {
        var levels = new sbyte[Comparisons.Count];
        for (var c = 0; c < levels.Length; c++)
        {
            var v = (int)((key >> (4 * c)) & 15);
            levels[c] = v == 15 ? Comparisons.Missing : (sbyte)v;
        }

        return levels;
    }
}
