namespace ClusterSync.Synthetic;

/// <summary>
/// Probability of each kind of noise in a duplicate (a copy of an entity after its first record).
/// Each is drawn independently. Defaults aim at what merging two real directories shows.
/// </summary>
public sealed record NoiseRates
{
    /// <summary>No noise at all: duplicates are exact copies (apart from their id).</summary>
    public static NoiseRates None { get; } = new()
    {
        NameTypo = 0,
        NameAcronym = 0,
        NameWithAcronym = 0,
        LegalFormChange = 0,
        CaseChange = 0,
        DiacriticsStripped = 0,
        WordOrderSwap = 0,
        GenericNounTranslated = 0,
        NameTranslated = 0,
        Transliterated = 0,
        StreetTypo = 0,
        StreetAbbreviated = 0,
        FieldMissing = 0,
        AddressMoved = 0,
        CoordinatesJittered = 0,
        CoordinatesMissing = 0,
        WebsiteVariant = 0,
        WebsiteMissing = 0,
        EmailOtherMailbox = 0,
        EmailMissing = 0,
        PhoneReformatted = 0,
        PhoneMissing = 0,
        AcronymChanged = 0,
        SectorsChanged = 0,
        FoundedShifted = 0,
        FoundedMissing = 0,
    };

    /// <summary>One to two character edits (insert, delete, substitute, transpose) in the name.</summary>
    public double NameTypo { get; init; } = 0.20;

    /// <summary>The acronym written in place of the full name.</summary>
    public double NameAcronym { get; init; } = 0.04;

    /// <summary>The acronym added to the name: <c>Name (ACR)</c> or <c>ACR – Name</c>.</summary>
    public double NameWithAcronym { get; init; } = 0.05;

    /// <summary>Legal form added, removed or written differently (<c>e.V.</c> / <c>eV</c> / <c>e. V.</c>).</summary>
    public double LegalFormChange { get; init; } = 0.20;

    /// <summary>Name in upper, lower or title case.</summary>
    public double CaseChange { get; init; } = 0.08;

    /// <summary>Diacritics removed from name, street and city (<c>Düsseldorf</c> → <c>Dusseldorf</c>).</summary>
    public double DiacriticsStripped { get; init; } = 0.15;

    /// <summary>Two words of the name swapped, or the place moved to the front.</summary>
    public double WordOrderSwap { get; init; } = 0.05;

    /// <summary>The generic noun translated (<c>Cluster</c> ↔ <c>Klaster</c> ↔ <c>Кластер</c>).</summary>
    public double GenericNounTranslated { get; init; } = 0.08;

    /// <summary>The whole name given in English instead of the local language.</summary>
    public double NameTranslated { get; init; } = 0.03;

    /// <summary>Serbian Cyrillic ↔ Latin, Greek → Latin, for names, streets and places in those scripts.</summary>
    public double Transliterated { get; init; } = 0.40;

    /// <summary>One character edit in the street.</summary>
    public double StreetTypo { get; init; } = 0.10;

    /// <summary>Street type abbreviated (<c>Straße</c> → <c>Str.</c>, <c>Avenue</c> → <c>Ave</c>).</summary>
    public double StreetAbbreviated { get; init; } = 0.15;

    /// <summary>Each of region, city, postal code, street and sectors missing.</summary>
    public double FieldMissing { get; init; } = 0.08;

    /// <summary>A new address in the same or a nearby city: street, postal code and coordinates change.</summary>
    public double AddressMoved { get; init; } = 0.05;

    /// <summary>Coordinates moved by less than 1 km.</summary>
    public double CoordinatesJittered { get; init; } = 0.30;

    public double CoordinatesMissing { get; init; } = 0.20;

    /// <summary>Another spelling of the same site: scheme, <c>www.</c>, trailing slash, upper case.</summary>
    public double WebsiteVariant { get; init; } = 0.50;

    public double WebsiteMissing { get; init; } = 0.15;

    /// <summary>Another mailbox at the same domain (a person or another function).</summary>
    public double EmailOtherMailbox { get; init; } = 0.20;

    public double EmailMissing { get; init; } = 0.20;

    /// <summary>The same number in another national or international format.</summary>
    public double PhoneReformatted { get; init; } = 0.40;

    public double PhoneMissing { get; init; } = 0.20;

    /// <summary>Acronym dropped, or added when the entity has none.</summary>
    public double AcronymChanged { get; init; } = 0.30;

    /// <summary>Sector codes reduced to a subset or extended by a related code.</summary>
    public double SectorsChanged { get; init; } = 0.30;

    /// <summary>Founding year one year off.</summary>
    public double FoundedShifted { get; init; } = 0.10;

    public double FoundedMissing { get; init; } = 0.30;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a rate outside [0, 1].</summary>
    public void Validate()
    {
        foreach (var property in typeof(NoiseRates).GetProperties())
        {
            if (property.PropertyType == typeof(double))
            {
                CheckProbability((double)property.GetValue(this)!, property.Name);
            }
        }
    }

    internal static void CheckProbability(double value, string name)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a probability between 0 and 1.");
        }
    }
}
