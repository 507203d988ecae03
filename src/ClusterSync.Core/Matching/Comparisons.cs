namespace ClusterSync.Core.Matching;

/// <summary>One comparison of the model: its name, its graded levels (worst first) and default m/u.</summary>
internal sealed record ComparisonDefinition(string Name, string[] Levels, double[] DefaultM, double[] DefaultU);

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
        new("name", ["different", "weakly similar (soft TF-IDF >= 0.60)", "similar (>= 0.80)", "very similar (>= 0.92)", "identical, common name", "identical, rare name"],
            [0.05, 0.05, 0.08, 0.22, 0.10, 0.50], [0.97, 0.02, 0.006, 0.002, 0.001, 0.0005]),
        new("acronym", ["different acronyms", "acronym = initials or name of the other", "same acronym"],
            [0.05, 0.40, 0.55], [0.98, 0.015, 0.005]),
        new("domain", ["different web domains", "e-mail domain matches", "same web domain, shared by several records", "same web domain"],
            [0.10, 0.10, 0.10, 0.70], [0.995, 0.002, 0.002, 0.001]),
        new("phone", ["different numbers", "same number"], [0.25, 0.75], [0.999, 0.001]),
        new("place", ["different place", "same region", "same locality", "same postal code", "same postal code and locality"],
            [0.08, 0.10, 0.25, 0.15, 0.42], [0.90, 0.08, 0.015, 0.004, 0.001]),
        new("street", ["different street", "similar street (JW >= 0.80)", "very similar street (JW >= 0.92)", "same street"],
            [0.15, 0.10, 0.20, 0.55], [0.98, 0.015, 0.004, 0.001]),
        new("distance", [">= 50 km", "< 50 km", "< 10 km", "< 2 km", "< 0.5 km"],
            [0.05, 0.05, 0.15, 0.25, 0.50], [0.93, 0.05, 0.015, 0.004, 0.001]),
        new("country", ["different countries", "same country"], [0.03, 0.97], [0.85, 0.15]),
        new("sectors", ["no common sector", "some sectors in common", "mostly the same sectors"], [0.15, 0.30, 0.55], [0.80, 0.15, 0.05]),
        new("founded", ["different years", "one year apart", "same year"], [0.15, 0.20, 0.65], [0.93, 0.04, 0.03]),
    ];

    /// <summary>Computes every comparison level of a pair into <paramref name="levels"/>.</summary>
    public static void Compare(FeatureTable t, RecordFeatures a, RecordFeatures b, int sharedDomainThreshold, Span<sbyte> levels)
    {
        levels[Name] = NameLevel(t, a, b);
        levels[Acronym] = AcronymLevel(a, b);
        levels[Domain] = DomainLevel(t, a, b, sharedDomainThreshold);
        levels[Phone] = a.Phone < 0 || b.Phone < 0 ? Missing : a.Phone == b.Phone ? (sbyte)1 : (sbyte)0;
        levels[Place] = PlaceLevel(a, b);
        levels[Street] = StreetLevel(a, b);
        levels[Distance] = DistanceLevel(a, b);
        levels[Country] = a.Country < 0 || b.Country < 0 ? Missing : a.Country == b.Country ? (sbyte)1 : (sbyte)0;
        levels[Sectors] = SectorLevel(a, b);
        levels[Founded] = a.Founded == 0 || b.Founded == 0 ? Missing : (sbyte)(Math.Abs(a.Founded - b.Founded) switch { 0 => 2, 1 => 1, _ => 0 });
    }

    public static sbyte NameLevel(FeatureTable t, RecordFeatures a, RecordFeatures b)
    {
        if (a.NameId >= 0 && a.NameId == b.NameId)
        {
            return t.Names.UsesOf(a.NameId) <= 2 ? (sbyte)5 : (sbyte)4;
        }

        var score = NameScore(t, a, b);
        return score switch { >= 0.92 => 3, >= 0.80 => 2, >= 0.60 => 1, _ => 0 };
    }

    /// <summary>Best soft TF-IDF similarity over each side's name and alternate names.</summary>
    public static double NameScore(FeatureTable t, RecordFeatures a, RecordFeatures b)
    {
        var best = SoftTfIdf(t, a.Tokens, b.Tokens);
        if (best < 0.999 && (a.AltTokens.Length > 0 || b.AltTokens.Length > 0))
        {
            foreach (var alt in a.AltTokens)
            {
                best = Math.Max(best, SoftTfIdf(t, alt, b.Tokens));
                foreach (var altB in b.AltTokens)
                {
                    best = Math.Max(best, SoftTfIdf(t, alt, altB));
                }
            }

            foreach (var altB in b.AltTokens)
            {
                best = Math.Max(best, SoftTfIdf(t, a.Tokens, altB));
            }
        }

        return best;
    }

    /// <summary>
    /// Soft TF-IDF (Cohen, Ravikumar and Fienberg 2003), symmetrised: tokens weigh by rarity, and a token
    /// matches its closest counterpart when their Jaro-Winkler similarity is at least 0.9.
    /// </summary>
    public static double SoftTfIdf(FeatureTable t, int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        Span<double> wa = a.Length <= 32 ? stackalloc double[a.Length] : new double[a.Length];
        Span<double> wb = b.Length <= 32 ? stackalloc double[b.Length] : new double[b.Length];
        double na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            wa[i] = t.Idf(a[i]);
            na += wa[i] * wa[i];
        }

        for (var j = 0; j < b.Length; j++)
        {
            wb[j] = t.Idf(b[j]);
            nb += wb[j] * wb[j];
        }

        var norm = Math.Sqrt(na * nb);
        if (norm <= 0)
        {
            return 0;
        }

        return (Directional(t, a, b, wa, wb) + Directional(t, b, a, wb, wa)) / (2 * norm);
    }

    private static double Directional(FeatureTable t, int[] a, int[] b, ReadOnlySpan<double> wa, ReadOnlySpan<double> wb)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double best = 0, bestWeight = 0;
            var tokenA = t.Tokens[a[i]];
            for (var j = 0; j < b.Length; j++)
            {
                double s;
                if (a[i] == b[j])
                {
                    s = 1;
                }
                else
                {
                    var tokenB = t.Tokens[b[j]];
                    if (tokenA.Length < 3 || tokenB.Length < 3 || JaroWinkler.UpperBound(tokenA.Length, tokenB.Length) < 0.9)
                    {
                        continue;
                    }

                    s = JaroWinkler.Similarity(tokenA, tokenB);
                    if (s < 0.9)
                    {
                        continue;
                    }
                }

                if (s > best)
                {
                    best = s;
                    bestWeight = wb[j];
                }

                if (s >= 1)
                {
                    break;
                }
            }

            dot += wa[i] * bestWeight * best;
        }

        return dot;
    }

    private static sbyte AcronymLevel(RecordFeatures a, RecordFeatures b)
    {
        if (a.Acronym is not null && b.Acronym is not null)
        {
            return a.Acronym == b.Acronym ? (sbyte)2 : (sbyte)0;
        }

        if (a.Acronym is { } x && Expands(x, b))
        {
            return 1;
        }

        if (b.Acronym is { } y && Expands(y, a))
        {
            return 1;
        }

        return Missing;

        static bool Expands(string acronym, RecordFeatures other) =>
            acronym.Length >= 2 && (acronym == other.Initials || acronym == other.NameKey.Replace(" ", "", StringComparison.Ordinal));
    }

    private static sbyte DomainLevel(FeatureTable t, RecordFeatures a, RecordFeatures b, int sharedThreshold)
    {
        if (a.Domain >= 0 && a.Domain == b.Domain)
        {
            return t.Domains.UsesOf(a.Domain) >= sharedThreshold ? (sbyte)2 : (sbyte)3;
        }

        var emailMatch =
            (a.EmailDomain >= 0 && (a.EmailDomain == b.EmailDomain || a.EmailDomain == b.Domain))
            || (b.EmailDomain >= 0 && b.EmailDomain == a.Domain);
        if (emailMatch)
        {
            return 1;
        }

        return a.Domain >= 0 && b.Domain >= 0 ? (sbyte)0 : Missing;
    }

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
