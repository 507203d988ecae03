namespace ClusterSync.Core.Records;

/// <summary>
/// An organisation as a connector read it, before normalisation: source-agnostic text fields,
/// exactly as given. the organisation normaliser turns it into a
/// <see cref="SourceRecord"/> or a quarantine reason. Personal fields are accepted here only so that
/// the normaliser can prove it drops them.
/// </summary>
public sealed record RawOrganisation
{
    public required string Source { get; init; }
    public required string SourceId { get; init; }
    public string? SourceUrl { get; init; }
    public string? Name { get; init; }
    public string? Acronym { get; init; }
    public IReadOnlyList<string> AlternateNames { get; init; } = [];
    public string? LegalForm { get; init; }
    public string? OrganisationType { get; init; }
    public string? Street { get; init; }
    public string? Locality { get; init; }

    /// <summary>Region as given: a code (USPS, NUTS 2) or a name.</summary>
    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>Country as given: an ISO code or a name in any language.</summary>
    public string? Country { get; init; }

    /// <summary>Country assumed when the record gives none (e.g. <c>US</c> for the U.S. registry).</summary>
    public string? DefaultCountry { get; init; }

    /// <summary>
    /// Whether a record without a readable country is quarantined (true: every upstream platform, whose records the
    /// directory publishes). Ad-hoc input (a CSV to resolve, a record to score) may leave the country unknown.
    /// </summary>
    public bool CountryRequired { get; init; } = true;

    public string? Latitude { get; init; }
    public string? Longitude { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }

    /// <summary>A general e-mail address; only its domain is kept, and only when it is not personal.</summary>
    public string? Email { get; init; }

    public IReadOnlyList<RawSector> Sectors { get; init; } = [];
    public MemberCounts? Members { get; init; }
    public string? YearFounded { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public IReadOnlyList<string> Partnerships { get; init; } = [];
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Contact person's name: personal data, always dropped by normalisation.</summary>
    public string? ContactName { get; init; }

    /// <summary>Fields of the item the connector could not read and left out, each in plain words naming the field and its value.</summary>
    public IReadOnlyList<string> ReadWarnings { get; init; } = [];
}

/// <summary>A sector code as a source gives it.</summary>
/// <param name="Scheme">One of <see cref="SectorSchemes"/>.</param>
public sealed record RawSector(string Scheme, string Code, string? Label = null);
