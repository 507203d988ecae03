using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>One real-world organisation of the synthetic world: the truth every copy of it is derived from.</summary>
internal sealed class OrganisationEntity
{
    public required int Index { get; init; }

    public required string Cluster { get; init; }

    public required CountryProfile Country { get; init; }

    public required NameLanguage Language { get; init; }

    /// <summary>Null for names taken from the registry.</summary>
    public NameChoices? Choices { get; init; }

    /// <summary>Name without legal form, Latin script for Serbian.</summary>
    public required string NameCore { get; init; }

    public string? LegalForm { get; init; }

    public string? Acronym { get; init; }

    public required StreetAddress Address { get; init; }

    public bool HasRegion { get; init; }

    public bool HasStreet { get; init; }

    public bool HasPostalCode { get; init; }

    public bool HasCoordinates { get; init; }

    /// <summary>Domain plus path (a path when the site is hosted by an agency).</summary>
    public required string WebAddress { get; init; }

    public required string EmailDomain { get; init; }

    public int WebsiteStyle { get; init; }

    public bool HasWebsite { get; init; }

    public string? Mailbox { get; init; }

    /// <summary>National significant number, digits only.</summary>
    public string? PhoneDigits { get; init; }

    public int PhoneFormat { get; init; }

    public int? Founded { get; init; }

    public required SectorConcept Sector { get; init; }

    public required IReadOnlyList<string> SectorCodes { get; init; }

    public EntityTraits Traits { get; init; }

    public string? HardNegativeOf { get; init; }

    public Script Script => Language.Cyrillic ? Script.Cyrillic : Language.Code == Languages.Greek ? Script.Greek : Script.Latin;
}
