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
/// The comparisons of the Fellegi–Sunter model: their definitions, and the level vector of a pair. Each
/// family computes its own levels: <see cref="NameComparison"/>, <see cref="IdentifierComparisons"/>
/// (acronym, web domain, phone), <see cref="PlaceComparisons"/> and <see cref="ProfileComparisons"/>.
/// Levels are ordered worst (0) to best; -1 means a value is missing on either side (no evidence either way).
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
        new("place", ["different place", "same region", "same locality, different postal codes", "same locality", "same postal code", "same postal code and locality"],
            [0.08, 0.10, 0.05, 0.20, 0.15, 0.42], [0.90, 0.08, 0.012, 0.003, 0.004, 0.001], 10, LevelCaps: [10, 10, 2, 10, 10, 10]),
        new("street", ["different street", "similar street (JW >= 0.80), or the same street at another house number", "very similar street (JW >= 0.92)", "same street"],
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
        levels[Name] = NameComparison.NameLevel(t, a, b);
        levels[Acronym] = IdentifierComparisons.AcronymLevel(t, a, b, sharedDomainThreshold);
        levels[Domain] = IdentifierComparisons.DomainLevel(t, a, b, sharedDomainThreshold);
    }

    /// <summary>Everything else: contact, place and profile comparisons.</summary>
    public static void CompareRest(RecordFeatures a, RecordFeatures b, Span<sbyte> levels)
    {
        levels[Phone] = IdentifierComparisons.PhoneLevel(a, b);
        levels[Place] = PlaceComparisons.PlaceLevel(a, b);
        levels[Street] = PlaceComparisons.StreetLevel(a, b);
        levels[Distance] = PlaceComparisons.DistanceLevel(a, b);
        levels[Country] = PlaceComparisons.CountryLevel(a, b);
        levels[Sectors] = ProfileComparisons.SectorLevel(a, b);
        levels[Founded] = ProfileComparisons.FoundedLevel(a, b);
    }
}
