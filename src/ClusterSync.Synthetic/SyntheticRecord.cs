namespace ClusterSync.Synthetic;

/// <summary>
/// One generated (or converted) organisation record in the resolve CSV layout, with its ground truth.
/// Every field but <see cref="Id"/> may be null (an empty CSV cell).
/// </summary>
public sealed record SyntheticRecord
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Acronym { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }

    public string? Region { get; init; }

    public string? City { get; init; }

    public string? PostalCode { get; init; }

    public string? Street { get; init; }

    public string? Website { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary><c>scheme:code</c> pairs separated by <c>;</c> (schemes us-cluster, nace2, naics2012, eu-ecosystem).</summary>
    public string? Sectors { get; init; }

    public int? Founded { get; init; }

    /// <summary>The entity this record describes: records with equal values are the same organisation.</summary>
    public required string TrueCluster { get; init; }

    /// <summary>0 for the entity's first record, 1… for its duplicates.</summary>
    public int CopyIndex { get; init; }

    /// <summary>What makes this entity hard to tell apart from others.</summary>
    public EntityTraits Traits { get; init; }

    /// <summary>For a hard negative or a split-off: the true cluster of the entity whose name it (nearly) shares.</summary>
    public string? HardNegativeOf { get; init; }

    /// <summary>The noise applied to this duplicate (none for a first record).</summary>
    public NoiseKinds Noise { get; init; }
}

/// <summary>Properties of an entity that make de-duplication hard. Not written to CSV.</summary>
[Flags]
public enum EntityTraits
{
    None = 0,

    /// <summary>Named almost like another entity (another city, sector or generic noun).</summary>
    HardNegative = 1,

    /// <summary>Website and e-mail on a regional agency's domain, shared with unrelated entities.</summary>
    AgencyHosted = 2,

    /// <summary>Street address shared with unrelated entities of the same building.</summary>
    SharedBuilding = 4,

    /// <summary>Name taken from the real U.S. Cluster Registry.</summary>
    RegistryName = 8,

    /// <summary>
    /// A part split off an earlier entity: named like it plus its own city, on its web domain, at an address
    /// of another city (see <see cref="SyntheticOptions.SplitRate"/>).
    /// </summary>
    SplitOff = 16,

    /// <summary>The organisation whose name <see cref="SyntheticOptions.FrequentNameCopies"/> repeats.</summary>
    FrequentName = 32,
}

/// <summary>Kinds of noise applied to a duplicate. Not written to CSV.</summary>
[Flags]
public enum NoiseKinds
{
    None = 0,
    NameTypo = 1 << 0,
    NameAcronym = 1 << 1,
    NameWithAcronym = 1 << 2,
    LegalFormChange = 1 << 3,
    CaseChange = 1 << 4,
    DiacriticsStripped = 1 << 5,
    WordOrderSwap = 1 << 6,
    GenericNounTranslated = 1 << 7,
    NameTranslated = 1 << 8,
    Transliterated = 1 << 9,
    StreetTypo = 1 << 10,
    StreetAbbreviated = 1 << 11,
    FieldMissing = 1 << 12,
    AddressMoved = 1 << 13,
    CoordinatesJittered = 1 << 14,
    CoordinatesMissing = 1 << 15,
    WebsiteVariant = 1 << 16,
    WebsiteMissing = 1 << 17,
    EmailOtherMailbox = 1 << 18,
    EmailMissing = 1 << 19,
    PhoneReformatted = 1 << 20,
    PhoneMissing = 1 << 21,
    AcronymChanged = 1 << 22,
    SectorsChanged = 1 << 23,
    FoundedShifted = 1 << 24,
    FoundedMissing = 1 << 25,

    /// <summary>Written while a part of the organisation was separate: its name plus its own city (see <see cref="SyntheticOptions.RejoinRate"/>).</summary>
    Rejoined = 1 << 26,
}
