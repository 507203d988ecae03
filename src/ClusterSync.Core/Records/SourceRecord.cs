using System.Text.Json.Serialization;

namespace ClusterSync.Core.Records;

/// <summary>
/// One organisation as one source describes it, normalised into shared schema v1
/// (<c>contracts/schema/organisation.v1.schema.json</c>). Holds no personal data.
/// </summary>
public sealed record SourceRecord
{
    /// <summary>The schema version every record of this type conforms to.</summary>
    public const string CurrentSchemaVersion = "1";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Source identifier, e.g. <c>us-cluster-mapping</c> or <c>eccp</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The record's identifier at its source.</summary>
    public required string SourceId { get; init; }

    public string? SourceUrl { get; init; }

    /// <summary>Display name, Unicode NFKC, whitespace collapsed, legal form kept as written.</summary>
    public required string Name { get; init; }

    public string? Acronym { get; init; }

    public IReadOnlyList<string> AlternateNames { get; init; } = [];

    public LegalForm? LegalForm { get; init; }

    public string? OrganisationType { get; init; }

    public PostalAddress? Address { get; init; }

    public GeoPoint? Coordinates { get; init; }

    /// <summary>Telephone number in E.164 form.</summary>
    public string? Phone { get; init; }

    /// <summary>Canonical web address (scheme, lower-case host without <c>www.</c>, no trailing slash).</summary>
    public string? Website { get; init; }

    /// <summary>Registrable domain of <see cref="Website"/> by the Public Suffix List.</summary>
    public string? RegistrableDomain { get; init; }

    /// <summary>Domain of the organisation's general e-mail address (never the address itself).</summary>
    public string? EmailDomain { get; init; }

    public IReadOnlyList<SectorAssignment> Sectors { get; init; } = [];

    public MemberCounts? Members { get; init; }

    public int? YearFounded { get; init; }

    /// <summary>Quality labels, e.g. <c>ESCA Gold</c>.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public IReadOnlyList<string> Partnerships { get; init; } = [];

    /// <summary>When the source last changed the record, when it says so.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// Fields of the source's item that could not be read and were left out, in plain words; absent when every
    /// field was read (so a record read whole keeps the content hash it always had).
    /// </summary>
    public IReadOnlyList<string>? ReadWarnings { get; init; }

    /// <summary>Hash of the normalised content (<c>sha256:</c> + hex), see <see cref="ContentHash"/>.</summary>
    public string ContentHash { get; init; } = "";

    [JsonIgnore]
    public SourceRecordKey Key => new(Source, SourceId);
}

/// <summary>A legal form recognised in (and split off) an organisation's name.</summary>
/// <param name="Abbreviation">The form as commonly abbreviated, e.g. <c>e.V.</c>.</param>
/// <param name="ElfCode">ISO 20275 Entity Legal Form code, when the form is on that list.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country of the form.</param>
public sealed record LegalForm(string Abbreviation, string? ElfCode, string? Country);

/// <param name="RegionCode">USPS state code for the US, NUTS 2 code in Europe, when known.</param>
/// <param name="Country">ISO 3166-1 alpha-2; every published record has one (only ad-hoc input, such as a CSV to resolve, may leave it unknown).</param>
/// <param name="CountryAssumed">
/// True when the source gave no country and <paramref name="Country"/> is the source's default (the U.S.
/// registry lists U.S. organisations, yet a few are abroad); absent when the source stated it.
/// </param>
public sealed record PostalAddress(
    string? Street,
    string? Locality,
    string? RegionCode,
    string? PostalCode,
    string? Country,
    bool? CountryAssumed = null);

public sealed record GeoPoint(double Latitude, double Longitude);

/// <summary>
/// A sector an organisation works in. Derived assignments (an EU code mapped to a US benchmark
/// cluster) carry a weight below 1: they are candidates, not identities.
/// </summary>
/// <param name="Scheme">One of <see cref="SectorSchemes"/>.</param>
public sealed record SectorAssignment(string Scheme, string Code, string? Label, double Weight);

/// <summary>Sector code schemes of schema v1.</summary>
public static class SectorSchemes
{
    public const string UsCluster = "us-cluster";
    public const string Nace2 = "nace2";
    public const string Naics2012 = "naics2012";
    public const string EuEcosystem = "eu-ecosystem";

    public static readonly IReadOnlyList<string> All = [UsCluster, Nace2, Naics2012, EuEcosystem];
}

public sealed record MemberCounts(int? Total, int? Smes, int? LargeCompanies, int? ResearchOrganisations, int? Others);

/// <summary>Identifies a source record: <c>source:sourceId</c>.</summary>
public readonly record struct SourceRecordKey(string Source, string SourceId)
{
    public override string ToString() => $"{Source}:{SourceId}";

    /// <summary>Parses <c>source:sourceId</c>; the id may itself contain colons.</summary>
    public static bool TryParse(string? text, out SourceRecordKey key)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        key = new SourceRecordKey(text[..colon], text[(colon + 1)..]);
        return true;
    }
}
