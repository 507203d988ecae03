namespace ClusterSync.Core.Matching;

/// <summary>The place comparisons: postal code, locality and region; street; distance; country.</summary>
internal static class PlaceComparisons
{
    private const sbyte Missing = Comparisons.Missing;

    /// <summary>
    /// Postal code, locality, region. The same locality with different postal codes is its own, weaker
    /// level: two organisations of one town usually have different postal codes, one organisation rarely.
    /// </summary>
    public static sbyte PlaceLevel(RecordFeatures a, RecordFeatures b)
    {
        var postal = a.Postal >= 0 && b.Postal >= 0 ? (a.Postal == b.Postal ? 1 : 0) : -1;
        var city = CityMatch(a, b);
        if (postal == 1)
        {
            return city == 1 ? (sbyte)5 : (sbyte)4;
        }

        if (city == 1)
        {
            return postal == 0 ? (sbyte)2 : (sbyte)3;
        }

        var region = a.Region >= 0 && b.Region >= 0 ? (a.Region == b.Region ? 1 : 0) : -1;
        if (region == 1)
        {
            return 1;
        }

        return postal == 0 || city == 0 || region == 0 ? (sbyte)0 : Missing;
    }

    public static int CityMatch(RecordFeatures a, RecordFeatures b)
    {
        if (a.City < 0 || b.City < 0)
        {
            return -1;
        }

        return a.City == b.City || JaroWinkler.Similarity(a.CityKey, b.CityKey) >= 0.92 ? 1 : 0;
    }

    public static sbyte StreetLevel(RecordFeatures a, RecordFeatures b)
    {
        if (a.StreetKey is null || b.StreetKey is null)
        {
            return Missing;
        }

        if (a.StreetKey == b.StreetKey)
        {
            return 3;
        }

        // Two house numbers on one street are two addresses: at most "similar", never "nearly the same".
        var s = JaroWinkler.Similarity(a.StreetKey, b.StreetKey);
        var level = s >= 0.92 ? (sbyte)2 : s >= 0.80 ? (sbyte)1 : (sbyte)0;
        return level == 2 && AddressKeys.NumbersConflict(a.StreetKey, b.StreetKey) ? (sbyte)1 : level;
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

    public static sbyte DistanceLevel(RecordFeatures a, RecordFeatures b)
    {
        if (!a.HasCoordinates || !b.HasCoordinates)
        {
            return Missing;
        }

        return DistanceKm(a, b) switch { < 0.5 => 4, < 2 => 3, < 10 => 2, < 50 => 1, _ => 0 };
    }
    /// <summary>An assumed country can agree, never disagree.</summary>
    public static sbyte CountryLevel(RecordFeatures a, RecordFeatures b) =>
        a.Country < 0 || b.Country < 0 ? Missing
        : a.Country == b.Country ? (sbyte)1
        : a.CountryAssumed || b.CountryAssumed ? Missing
        : (sbyte)0;

    /// <summary>
    /// Whether <paramref name="own"/>'s name carries a word of its own place (locality or region) that the
    /// other name lacks, while the other record is in another locality and not in that place, and not within
    /// 10 km when both have coordinates: a chapter, or a part that split off, named after where it is
    /// ("Baltic Maritime Cluster Szczecin" in Szczecin and "Baltic Maritime Cluster" in Gdańsk). The same
    /// words with both records in one locality are one organisation written two ways.
    /// </summary>
    internal static bool NamesOwnPlaceElsewhere(RecordFeatures own, RecordFeatures other)
    {
        if (own.City < 0 || other.City < 0 || own.City == other.City || own.PlaceTokens.Length == 0
            || (own.HasCoordinates && other.HasCoordinates && DistanceKm(own, other) < 10))
        {
            return false;
        }

        foreach (var token in own.Tokens)
        {
            if (Array.BinarySearch(own.PlaceTokens, token) >= 0
                && Array.BinarySearch(other.PlaceTokens, token) < 0
                && Array.BinarySearch(other.Tokens, token) < 0)
            {
                return true;
            }
        }

        return false;
    }
}
