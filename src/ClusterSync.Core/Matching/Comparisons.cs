namespace ClusterSync.Core.Matching;

/// <summary>One comparison of the model: its name, its graded levels (worst first) and default m/u.</summary>
/// <param name="MaxWeight">
/// Cap of the level weights: evidence that is correlated with other comparisons (an acronym made of the
/// name's initials, a distance within a city) must not outvote the name on its own.
/// </param>
/// <param name="LevelCaps">
/// Optional cap per level, so that weights keep the order of the levels: u estimated from random pairs is
/// close to zero for every level of name similarity, which would give a weakly similar name the weight of
/// an identical one.
/// </param>
internal sealed record ComparisonDefinition(string Name, string[] Levels, double[] DefaultM, double[] DefaultU, double MaxWeight = 12, double[]? LevelCaps = null)
{
    /// <summary>The highest weight a level may have.</summary>
    public double CapOf(int level) => LevelCaps is { } caps ? Math.Min(MaxWeight, caps[level]) : MaxWeight;
}

/// <summary>
/// The comparisons of the Fellegi–Sunter model and how a pair reaches each level. Levels are ordered worst
/// (0) to best; -1 means a value is missing on either side (no evidence either way).
/// </summary>
internal static class Comparisons
{
    public const int Name = 0;
    public const int Acronym = 1;
    public const int Domain = 2;
    public const int Phone = 3;
    public const int Place = 4;
    public const int Street = 5;
    public const int Distance = 6;
    public const int Country = 7;
    public const int Sectors = 8;
    public const int Founded = 9;
    public const int Count = 10;
    public const sbyte Missing = -1;

    public static readonly ComparisonDefinition[] All =
    [
        new("name", ["different", "similar but each has distinctive words the other lacks", "weakly similar (soft TF-IDF >= 0.60)", "similar (>= 0.80)",
                "very similar (>= 0.92)", "identical, common name", "identical, rare name"],
            [0.04, 0.03, 0.05, 0.08, 0.22, 0.10, 0.48], [0.97, 0.02, 0.006, 0.002, 0.001, 0.0005, 0.0002],
            LevelCaps: [12, 3, 6, 9, 12, 12, 12]),
        new("acronym", ["different acronyms", "same acronym, used by several records", "acronym = initials or name of the other", "same acronym"],
            [0.05, 0.05, 0.40, 0.50], [0.98, 0.01, 0.005, 0.005], 6),
        new("domain", ["different web domains", "same web domain, different pages (hosted sites)", "e-mail domain matches", "same web domain, shared by several records", "same web domain"],
            [0.10, 0.02, 0.10, 0.10, 0.68], [0.995, 0.001, 0.002, 0.001, 0.001], 10),
        new("phone", ["different numbers", "same number"], [0.25, 0.75], [0.999, 0.001], 8),
        new("place", ["different place", "same region", "same locality", "same postal code", "same postal code and locality"],
            [0.08, 0.10, 0.25, 0.15, 0.42], [0.90, 0.08, 0.015, 0.004, 0.001], 10),
        new("street", ["different street", "similar street (JW >= 0.80)", "very similar street (JW >= 0.92)", "same street"],
            [0.15, 0.10, 0.20, 0.55], [0.98, 0.015, 0.004, 0.001], 10),
        new("distance", [">= 50 km", "< 50 km", "< 10 km", "< 2 km", "< 0.5 km"],
            [0.05, 0.05, 0.15, 0.25, 0.50], [0.93, 0.05, 0.015, 0.004, 0.001], 6),
        new("country", ["different countries", "same country"], [0.03, 0.97], [0.85, 0.15]),
        new("sectors", ["no common sector", "some sectors in common", "mostly the same sectors"], [0.15, 0.30, 0.55], [0.80, 0.15, 0.05], 4),
        new("founded", ["different years", "one year apart", "same year"], [0.15, 0.20, 0.65], [0.93, 0.04, 0.03], 5),
    ];

    /// <summary>Computes every comparison level of a pair into <paramref name="levels"/>.</summary>
    public static void Compare(FeatureTable t, RecordFeatures a, RecordFeatures b, int sharedDomainThreshold, Span<sbyte> levels)
    {
        CompareIdentity(t, a, b, sharedDomainThreshold, levels);
        CompareRest(a, b, levels);
    }

    /// <summary>The comparisons that say who an organisation is: name, acronym, web domain.</summary>
    public static void CompareIdentity(FeatureTable t, RecordFeatures a, RecordFeatures b, int sharedDomainThreshold, Span<sbyte> levels)
    {
        levels[Name] = NameLevel(t, a, b);
        levels[Acronym] = AcronymLevel(t, a, b, sharedDomainThreshold);
        levels[Domain] = DomainLevel(t, a, b, sharedDomainThreshold);
    }

    /// <summary>Everything else: contact, place and profile comparisons.</summary>
    public static void CompareRest(RecordFeatures a, RecordFeatures b, Span<sbyte> levels)
    {
        levels[Phone] = a.Phone < 0 || b.Phone < 0 ? Missing : a.Phone == b.Phone ? (sbyte)1 : (sbyte)0;
        levels[Place] = PlaceLevel(a, b);
        levels[Street] = StreetLevel(a, b);
        levels[Distance] = DistanceLevel(a, b);
        levels[Country] = a.Country < 0 || b.Country < 0 ? Missing
            : a.Country == b.Country ? (sbyte)1
            : a.CountryAssumed || b.CountryAssumed ? Missing // an assumed country can agree, never disagree
            : (sbyte)0;
        levels[Sectors] = SectorLevel(a, b);
        levels[Founded] = a.Founded == 0 || b.Founded == 0 ? Missing : (sbyte)(Math.Abs(a.Founded - b.Founded) switch { 0 => 2, 1 => 1, _ => 0 });
    }

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
        var conflict = (shareA >= 0.2 && shareB >= 0.2) || (distinctA >= 0.2 && shareB > 0) || (distinctB >= 0.2 && shareA > 0);
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
    private readonly record struct SoftResult(double Score, double ShareA, double WeightA, double ShareB, double WeightB, double DistinctShareA, double DistinctShareB);

    /// <summary>
    /// Soft TF-IDF (Cohen, Ravikumar and Fienberg 2003), symmetrised: tokens weigh by rarity, and a token
    /// matches its closest counterpart when their Jaro-Winkler similarity is at least 0.9. Token arrays are
    /// sorted ids with their weights; <paramref name="excluded"/> (sorted) are ignored on both sides.
    /// </summary>
    private static SoftResult Soft(FeatureTable t, int[] a, float[] wa, int[] b, float[] wb, ReadOnlySpan<int> excluded)
    {
        var (dotA, unmatchedA, genericA, totalA, squaresA) = Directional(t, a, wa, b, wb, excluded);
        var (dotB, unmatchedB, genericB, totalB, squaresB) = Directional(t, b, wb, a, wa, excluded);
        var norm = Math.Sqrt(squaresA * squaresB);
        var score = norm <= 0 ? 0 : (dotA + dotB) / (2 * norm);
        return new SoftResult(score, totalA <= 0 ? 1 : unmatchedA / totalA, totalA, totalB <= 0 ? 1 : unmatchedB / totalB, totalB,
            totalA <= 0 ? 0 : (unmatchedA - genericA) / totalA, totalB <= 0 ? 0 : (unmatchedB - genericB) / totalB);
    }

    public static double SoftTfIdf(FeatureTable t, int[] a, float[] wa, int[] b, float[] wb, ReadOnlySpan<int> excluded) =>
        Soft(t, a, wa, b, wb, excluded).Score;

    private static (double Dot, double Unmatched, double UnmatchedGeneric, double Total, double Squares) Directional(
        FeatureTable t, int[] a, float[] wa, int[] b, float[] wb, ReadOnlySpan<int> excluded)
    {
        double dot = 0, unmatched = 0, generic = 0, total = 0, squares = 0;
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
                    if (similarity >= 0.9 && similarity > best)
                    {
                        best = similarity;
                        bestWeight = wb[j];
                    }
                }
            }

            if (best == 0)
            {
                unmatched += wa[i];
                if (t.IsGenericNoun(a[i]))
                {
                    generic += wa[i];
                }
            }

            dot += wa[i] * bestWeight * best;
        }

        return (dot, unmatched, generic, total, squares);
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

    private static sbyte AcronymLevel(FeatureTable t, RecordFeatures a, RecordFeatures b, int sharedThreshold)
    {
        var expands = (a.Acronym is { } x && Expands(x, a, b)) || (b.Acronym is { } y && Expands(y, b, a));
        if (a.AcronymId >= 0 && b.AcronymId >= 0)
        {
            if (a.AcronymId != b.AcronymId)
            {
                return expands ? (sbyte)2 : (sbyte)0;
            }

            // The same acronym says little when it is just both names' initials, or when many use it.
            var derived = a.Acronym == a.Initials && b.Acronym == b.Initials;
            return derived || t.Acronyms.UsesOf(a.AcronymId) >= sharedThreshold ? (expands && !derived ? (sbyte)2 : (sbyte)1) : (sbyte)3;
        }

        return expands ? (sbyte)2 : Missing;

        // An acronym that is just its own name's initials adds nothing when the other name has the same
        // initials: the name comparison has already seen those words.
        static bool Expands(string acronym, RecordFeatures own, RecordFeatures other) =>
            acronym != other.Acronym
            && ((acronym == other.Initials && acronym != own.Initials) || acronym == other.JoinedNameKey);
    }

    private static sbyte DomainLevel(FeatureTable t, RecordFeatures a, RecordFeatures b, int sharedThreshold)
    {
        if (a.Domain >= 0 && a.Domain == b.Domain)
        {
            if (a.SitePath is not null && b.SitePath is not null && a.SitePath != b.SitePath)
            {
                return 1;
            }

            return t.Domains.UsesOf(a.Domain) >= sharedThreshold ? (sbyte)3 : (sbyte)4;
        }

        var emailMatch =
            (a.EmailDomain >= 0 && (a.EmailDomain == b.EmailDomain || a.EmailDomain == b.Domain))
            || (b.EmailDomain >= 0 && b.EmailDomain == a.Domain);
        if (emailMatch)
        {
            return 2;
        }

        return a.Domain >= 0 && b.Domain >= 0 ? (sbyte)0 : Missing;
    }

    /// <summary>Both records name a web site, and not the same one (another domain, or other pages of one domain).</summary>
    public static bool DomainsConflict(RecordFeatures a, RecordFeatures b) =>
        a.Domain >= 0 && b.Domain >= 0
        && (a.Domain != b.Domain || (a.SitePath is not null && b.SitePath is not null && a.SitePath != b.SitePath));

    private static sbyte PlaceLevel(RecordFeatures a, RecordFeatures b)
    {
        var postal = a.Postal >= 0 && b.Postal >= 0 ? (a.Postal == b.Postal ? 1 : 0) : -1;
        var city = CityMatch(a, b);
        if (postal == 1)
        {
            return city == 1 ? (sbyte)4 : (sbyte)3;
        }

        if (city == 1)
        {
            return 2;
        }

        var region = a.Region >= 0 && b.Region >= 0 ? (a.Region == b.Region ? 1 : 0) : -1;
        if (region == 1)
        {
            return 1;
        }

        return postal == 0 || city == 0 || region == 0 ? (sbyte)0 : Missing;
    }

    private static int CityMatch(RecordFeatures a, RecordFeatures b)
    {
        if (a.City < 0 || b.City < 0)
        {
            return -1;
        }

        return a.City == b.City || JaroWinkler.Similarity(a.CityKey, b.CityKey) >= 0.92 ? 1 : 0;
    }

    private static sbyte StreetLevel(RecordFeatures a, RecordFeatures b)
    {
        if (a.StreetKey is null || b.StreetKey is null)
        {
            return Missing;
        }

        if (a.StreetKey == b.StreetKey)
        {
            return 3;
        }

        var s = JaroWinkler.Similarity(a.StreetKey, b.StreetKey);
        return s >= 0.92 ? (sbyte)2 : s >= 0.80 ? (sbyte)1 : (sbyte)0;
    }

    public static double DistanceKm(RecordFeatures a, RecordFeatures b)
    {
        const double radius = 6371.0;
        var dLat = double.DegreesToRadians(b.Latitude - a.Latitude);
        var dLon = double.DegreesToRadians(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(a.Latitude)) * Math.Cos(double.DegreesToRadians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * radius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static sbyte DistanceLevel(RecordFeatures a, RecordFeatures b)
    {
        if (!a.HasCoordinates || !b.HasCoordinates)
        {
            return Missing;
        }

        return DistanceKm(a, b) switch { < 0.5 => 4, < 2 => 3, < 10 => 2, < 50 => 1, _ => 0 };
    }

    private static sbyte SectorLevel(RecordFeatures a, RecordFeatures b)
    {
        if (a.Sectors.Length == 0 || b.Sectors.Length == 0)
        {
            return Missing;
        }

        double common = 0, totalA = 0, totalB = 0;
        foreach (var (code, weight) in a.Sectors)
        {
            totalA += weight;
            foreach (var (other, otherWeight) in b.Sectors)
            {
                if (code == other)
                {
                    common += Math.Min(weight, otherWeight);
                    break;
                }
            }
        }

        foreach (var (_, weight) in b.Sectors)
        {
            totalB += weight;
        }

        var overlap = common / Math.Max(1e-9, Math.Min(totalA, totalB));
        return overlap >= 0.5 ? (sbyte)2 : overlap > 0 ? (sbyte)1 : (sbyte)0;
    }
}
