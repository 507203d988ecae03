using ClusterSync.Core.Normalisation.Names;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// What the engine compares of one record. Built from a schema v1 <see cref="SourceRecord"/> (service) or
/// from a CSV row (the <c>resolve</c> command). Any field may be null.
/// </summary>
public sealed record MatchInput
{
    public required SourceRecordKey Key { get; init; }
    public required string Name { get; init; }

    /// <summary>
    /// <see cref="Name"/> already analysed for <see cref="Country"/> (by the normaliser), or null: the
    /// engine then analyses it itself. Saves a second analysis of every name in a batch.
    /// </summary>
    public NameAnalysis? NameAnalysis { get; init; }
    public IReadOnlyList<string> AlternateNames { get; init; } = [];
    public string? Acronym { get; init; }

    /// <summary>ISO 3166-1 alpha-2 when known.</summary>
    public string? Country { get; init; }

    /// <summary>
    /// The source gave no country and <see cref="Country"/> is its default: it may agree with another
    /// record's country, but a different country is no evidence against a match (the U.S. registry's few
    /// organisations abroad would otherwise be kept apart from their own profiles elsewhere).
    /// </summary>
    public bool CountryAssumed { get; init; }

    public string? Region { get; init; }
    public string? Locality { get; init; }
    public string? PostalCode { get; init; }
    public string? Street { get; init; }

    /// <summary>Registrable domain of the website (already derived), or null.</summary>
    public string? WebsiteDomain { get; init; }

    /// <summary>First path segment of the website (e.g. a programme's page on its agency's site), or null.</summary>
    public string? WebsitePath { get; init; }

    public string? EmailDomain { get; init; }
    public string? Phone { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>Sectors as <c>scheme:code</c> with weights.</summary>
    public IReadOnlyList<(string Code, double Weight)> Sectors { get; init; } = [];

    public int? YearFounded { get; init; }

    /// <summary>The first segment of a URL's path ("/programme/x" → "programme"), or null.</summary>
    public static string? FirstPathSegment(string? url)
    {
        var scheme = url?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        if (scheme < 0)
        {
            return null;
        }

        var path = url!.AsSpan(scheme + 3);
        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            return null;
        }

        path = path[(slash + 1)..];
        var end = path.IndexOfAny('/', '?', '#');
        var segment = (end < 0 ? path : path[..end]).ToString();
        return segment is "" or "index.html" or "index.php" or "en" or "de" or "fr" or "home" ? null : Uri.UnescapeDataString(segment);
    }

    public static MatchInput From(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new MatchInput
        {
            Key = record.Key,
            Name = record.Name,
            AlternateNames = record.AlternateNames,
            Acronym = record.Acronym,
            Country = record.Address?.Country,
            CountryAssumed = record.Address?.CountryAssumed == true,
            Region = record.Address?.RegionCode,
            Locality = record.Address?.Locality,
            PostalCode = record.Address?.PostalCode,
            Street = record.Address?.Street,
            WebsiteDomain = record.RegistrableDomain,
            WebsitePath = FirstPathSegment(record.Website),
            EmailDomain = record.EmailDomain,
            Phone = record.Phone,
            Latitude = record.Coordinates?.Latitude,
            Longitude = record.Coordinates?.Longitude,
            Sectors = [.. record.Sectors.Select(s => (s.Scheme + ":" + s.Code, s.Weight))],
            YearFounded = record.YearFounded,
        };
    }
}
