namespace ClusterSync.Core.Matching;

/// <summary>
/// The name comparison: soft TF-IDF over interned name words (alternate names too), with the words of a
/// shared place left out, joined-word and containment checks, and the conflict of distinctive words.
/// </summary>
internal static class NameComparison
{
    public static sbyte NameLevel(FeatureTable t, RecordFeatures a, RecordFeatures b)
    {
        if (a.NameId >= 0 && a.NameId == b.NameId)
        {
            return t.Names.UsesOf(a.NameId) <= 2 ? (sbyte)6 : (sbyte)5;
        }

        var (score, conflict) = NameScoreWithConflict(t, a, b);
        if (score >= 0.92)
        {
            return 4;
        }

        if (conflict)
        {
            return score >= 0.5 ? (sbyte)1 : (sbyte)0;
        }

        return score switch { >= 0.80 => 3, >= 0.60 => 2, _ => 0 };
    }

    /// <summary>
    /// Best soft TF-IDF similarity over each side's name and alternate names. Words naming a place both
    /// records are in (their shared locality or region) are left out: the place comparison already counts
    /// them, and "Photonics Network New York" is not "Music Forum New York".
    /// </summary>
    public static double NameScore(FeatureTable t, RecordFeatures a, RecordFeatures b) => NameScoreWithConflict(t, a, b).Score;

    private static double AlternateScore(FeatureTable t, RecordFeatures a, RecordFeatures b, ReadOnlySpan<int> ex)
    {
        double best = 0;
        for (var i = 0; i < a.AltTokens.Length; i++)
        {
            best = Math.Max(best, Soft(t, a.AltTokens[i], a.AltWeights[i], b.Tokens, b.TokenWeights, ex).Score);
            for (var j = 0; j < b.AltTokens.Length; j++)
            {
                best = Math.Max(best, Soft(t, a.AltTokens[i], a.AltWeights[i], b.AltTokens[j], b.AltWeights[j], ex).Score);
            }
        }

        for (var j = 0; j < b.AltTokens.Length; j++)
        {
            best = Math.Max(best, Soft(t, a.Tokens, a.TokenWeights, b.AltTokens[j], b.AltWeights[j], ex).Score);
        }

        return best;
    }

    /// <summary>
    /// The name score, and whether the names conflict: each has distinctive words (a fifth or more of its
    /// weight) that the other lacks, e.g. "Wine Alliance" and "Health Alliance". One name contained in the
    /// other is not a conflict.
    /// </summary>
    public static (double Score, bool Conflict) NameScoreWithConflict(FeatureTable t, RecordFeatures a, RecordFeatures b)
    {
        Span<int> excluded = stackalloc int[Math.Min(a.PlaceTokens.Length, b.PlaceTokens.Length)];
        var ex = excluded[..Intersect(a.PlaceTokens, b.PlaceTokens, excluded)];
        var primary = Soft(t, a.Tokens, a.TokenWeights, b.Tokens, b.TokenWeights, ex);
        if (ex.Length > 0 && (primary.WeightA <= 0 || primary.WeightB <= 0))
        {
            // Nothing but the shared place is left on one side: compare the whole names.
            ex = [];
            primary = Soft(t, a.Tokens, a.TokenWeights, b.Tokens, b.TokenWeights, ex);
        }

        var score = primary.Score;
        if (a.AltTokens.Length > 0 || b.AltTokens.Length > 0)
        {
            score = Math.Max(score, AlternateScore(t, a, b, ex));
        }

        // A name that adds the place it is in, where the other is not, names another organisation.
        if (score >= 0.5 && (PlaceComparisons.NamesOwnPlaceElsewhere(a, b) || PlaceComparisons.NamesOwnPlaceElsewhere(b, a)))
        {
            return (score, true);
        }

        if (score >= 0.92)
        {
            return (score, false);
        }

        if (score >= 0.3 && a.Tokens.Length != b.Tokens.Length && a.NameKey.Length > 0 && b.NameKey.Length > 0 && a.NameKey[0] == b.NameKey[0])
        {
            // Split or joined words ("jac ob" / "jacob", "Bio Region" / "Bioregion") defeat word-level
            // comparison: compare the names without spaces too, by edit distance (Jaro-Winkler would
            // reward a long common prefix such as "centredinnovationmecanique…").
            var joined = JoinedSimilarity(a.NameKey, b.NameKey);
            if (joined >= 0.92)
            {
                return (Math.Max(score, joined), false);
            }
        }

        var (shareA, weightA, shareB, weightB) = (primary.ShareA, primary.WeightA, primary.ShareB, primary.WeightB);
        var (distinctA, distinctB) = (primary.DistinctShareA, primary.DistinctShareB);
        var (wordsA, wordsB) = (primary.WordShareA, primary.WordShareB);

        // One name wholly inside the other ("Clarke" / "Bayley Clarke", "Photonics Cluster Berlin" / "…
        // Berlin-Brandenburg") is similar when the contained name says enough on its own and makes up at
        // least half of the longer one.
        if ((shareA == 0 && weightA >= ContainedWeight && shareB <= 0.5) || (shareB == 0 && weightB >= ContainedWeight && shareA <= 0.5))
        {
            return (Math.Max(score, 0.8), false);
        }

        // Each name has words the other lacks, and they weigh (a fifth or more) on both sides, or on one side
        // words that are not generic organisation nouns weigh that much: "Environmental Business Cluster" /
        // "Northwest Environmental Business Council". A generic noun against another ("Cluster" / "Klaster")
        // alone is a translation as often as not.
        // Words that are nearly a word of the other name and seen once or twice are typos, not other words.
        var conflict = (wordsA >= 0.2 && wordsB >= 0.2) || (distinctA >= 0.2 && wordsB > 0) || (distinctB >= 0.2 && wordsA > 0);
        if (!conflict && score >= 0.5 && (a.PlaceTokens.Length > 0 || b.PlaceTokens.Length > 0))
        {
            // A place named in both names but where only one record is ("Casa Grande Center for Plastics
            // Innovation", moved to Maricopa, and "Casa Grande Centre for Creative Industries Innovation")
            // says nothing about which organisation it is: look for distinctive words without it.
            Span<int> places = stackalloc int[a.PlaceTokens.Length + b.PlaceTokens.Length];
            var withoutPlaces = Soft(t, a.Tokens, a.TokenWeights, b.Tokens, b.TokenWeights, places[..Union(a.PlaceTokens, b.PlaceTokens, places)]);
            conflict = withoutPlaces.WeightA > 0 && withoutPlaces.WeightB > 0 && withoutPlaces.ShareA >= 0.2 && withoutPlaces.ShareB >= 0.2;
        }

        return (score, score >= 0.5 && conflict);
    }

    /// <summary>Sorted union of two sorted id arrays.</summary>
    private static int Union(int[] a, int[] b, Span<int> result)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j >= b.Length || (i < a.Length && a[i] < b[j]))
            {
                result[n++] = a[i++];
            }
            else if (i >= a.Length || b[j] < a[i])
            {
                result[n++] = b[j++];
            }
            else
            {
                result[n++] = a[i];
                i++;
                j++;
            }
        }

        return n;
    }

    /// <summary>Total IDF a contained name needs to count (about one rare word, or several ordinary ones).</summary>
    private const double ContainedWeight = 4.0;

    /// <summary>
    /// Outcome of one soft TF-IDF comparison, with each side's unmatched share of weight, and that share
    /// without generic organisation nouns ("cluster", "council", "netzwerk").
    /// </summary>
    private readonly record struct SoftResult(
        double Score, double ShareA, double WeightA, double ShareB, double WeightB,
        double WordShareA, double WordShareB, double DistinctShareA, double DistinctShareB);

    /// <summary>One direction of a soft TF-IDF comparison: the unmatched weight, and of it the typos and the generic nouns.</summary>
    private readonly record struct DirectionalResult(double Dot, double Unmatched, double Typos, double Generic, double Total, double Squares)
    {
        public double Share => Total <= 0 ? 1 : Unmatched / Total;

        /// <summary>Unmatched words that are not typos.</summary>
        public double WordShare => Total <= 0 ? 1 : (Unmatched - Typos) / Total;

        /// <summary>Unmatched words that are neither typos nor generic organisation nouns.</summary>
        public double DistinctShare => Total <= 0 ? 0 : (Unmatched - Typos - Generic) / Total;
    }

    /// <summary>
    /// Soft TF-IDF (Cohen, Ravikumar and Fienberg 2003), symmetrised: tokens weigh by rarity, and a token
    /// matches its closest counterpart when their Jaro-Winkler similarity is at least 0.9. Token arrays are
    /// sorted ids with their weights; <paramref name="excluded"/> (sorted) are ignored on both sides.
    /// </summary>
    private static SoftResult Soft(FeatureTable t, int[] a, float[] wa, int[] b, float[] wb, ReadOnlySpan<int> excluded)
    {
        var x = Directional(t, a, wa, b, wb, excluded);
        var y = Directional(t, b, wb, a, wa, excluded);
        var norm = Math.Sqrt(x.Squares * y.Squares);
        var score = norm <= 0 ? 0 : (x.Dot + y.Dot) / (2 * norm);
        return new SoftResult(score, x.Share, x.Total, y.Share, y.Total, x.WordShare, y.WordShare, x.DistinctShare, y.DistinctShare);
    }

    public static double SoftTfIdf(FeatureTable t, int[] a, float[] wa, int[] b, float[] wb, ReadOnlySpan<int> excluded) =>
        Soft(t, a, wa, b, wb, excluded).Score;

    private static DirectionalResult Directional(FeatureTable t, int[] a, float[] wa, int[] b, float[] wb, ReadOnlySpan<int> excluded)
    {
        double dot = 0, unmatched = 0, typos = 0, generic = 0, total = 0, squares = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (excluded.Length > 0 && excluded.BinarySearch(a[i]) >= 0)
            {
                continue;
            }

            total += wa[i];
            squares += wa[i] * wa[i];
            var exact = Array.BinarySearch(b, a[i]);
            if (exact >= 0)
            {
                dot += wa[i] * wb[exact];
                continue;
            }

            double best = 0, bestWeight = 0;
            var typo = false;
            var tokenA = t.Tokens[a[i]];
            if (tokenA.Length >= 3)
            {
                for (var j = 0; j < b.Length; j++)
                {
                    var tokenB = t.Tokens[b[j]];
                    if (!MayBeTypo(tokenA, tokenB) || (excluded.Length > 0 && excluded.BinarySearch(b[j]) >= 0))
                    {
                        continue;
                    }

                    var similarity = JaroWinkler.Similarity(tokenA, tokenB);
                    var rare = Math.Min(t.Tokens.UsesOf(a[i]), t.Tokens.UsesOf(b[j])) <= TypoUses;
                    if (similarity < 0.9 && similarity >= 0.75 && rare && OneEditApart(tokenA, tokenB))
                    {
                        // Jaro-Winkler is hard on an insertion near the start ("unbiodois" / "unibiodois": 0.88).
                        similarity = 0.9;
                    }

                    if (similarity >= 0.9 && similarity > best)
                    {
                        best = similarity;
                        bestWeight = wb[j];
                    }

                    typo |= similarity >= TypoSimilarity && rare;
                }
            }

            if (best == 0)
            {
                unmatched += wa[i];
                if (typo)
                {
                    typos += wa[i];
                }
                else if (t.IsGenericNoun(a[i]))
                {
                    generic += wa[i];
                }
            }

            dot += wa[i] * bestWeight * best;
        }

        return new DirectionalResult(dot, unmatched, typos, generic, total, squares);
    }

    /// <summary>
    /// A word this close to a word of the other name (Jaro-Winkler), one of the two written by at most
    /// <see cref="TypoUses"/> records, is taken for a typo of it when looking for conflicting words
    /// ("amart" / "smart"); two common words as close ("health" / "wealth") still conflict.
    /// </summary>
    private const double TypoSimilarity = 0.8;

    private const int TypoUses = 2;

    /// <summary>
    /// Whether two words of four letters or more are one insertion, deletion, substitution or swap of
    /// neighbours apart (optimal string alignment distance 1), in one pass.
    /// </summary>
    internal static bool OneEditApart(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        if (b.Length < 4 || a.Length - b.Length > 1)
        {
            return false;
        }

        var i = 0;
        while (i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (i == b.Length)
        {
            return a.Length != b.Length;
        }

        if (a.Length != b.Length)
        {
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i));
        }

        return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
            || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
    }

    /// <summary>Cheap filter before Jaro-Winkler: similar lengths and a shared letter among the first two.</summary>
    private static bool MayBeTypo(string a, string b) =>
        a.Length >= 3 && b.Length >= 3 && Math.Abs(a.Length - b.Length) <= 2
        && (a[0] == b[0] || a[0] == b[1] || a[1] == b[0] || a[1] == b[1]);

    private static int Intersect(int[] a, int[] b, Span<int> result)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                result[n++] = a[i];
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return n;
    }

    private static double JoinedSimilarity(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64 || Math.Abs(a.Length - b.Length) > 3)
        {
            return 0;
        }

        Span<char> x = stackalloc char[a.Length];
        Span<char> y = stackalloc char[b.Length];
        var nx = 0;
        var ny = 0;
        foreach (var c in a)
        {
            if (c != ' ')
            {
                x[nx++] = c;
            }
        }

        foreach (var c in b)
        {
            if (c != ' ')
            {
                y[ny++] = c;
            }
        }

        return nx < 6 || ny < 6 ? 0 : 1.0 - ((double)Levenshtein(x[..nx], y[..ny]) / Math.Max(nx, ny));
    }

    private static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            current.CopyTo(previous);
        }

        return previous[b.Length];
    }
}
