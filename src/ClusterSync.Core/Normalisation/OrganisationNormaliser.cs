using ClusterSync.Core.Normalisation.Countries;
using ClusterSync.Core.Normalisation.Email;
using ClusterSync.Core.Normalisation.Fields;
using ClusterSync.Core.Normalisation.Names;
using ClusterSync.Core.Normalisation.Phones;
using ClusterSync.Core.Normalisation.Regions;
using ClusterSync.Core.Normalisation.Sectors;
using ClusterSync.Core.Normalisation.Web;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation;

/// <summary>
/// Turns a <see cref="RawOrganisation"/> into a schema v1 <see cref="SourceRecord"/>, or says why it
/// cannot. Personal data stops here: the contact name is never read and an e-mail address keeps only
/// its domain. A record is quarantined only when it has no identity, no usable name, no resolvable
/// country, or a structurally impossible name; any other invalid value becomes null. Pure and
/// thread-safe: the same input gives the same record and content hash.
/// </summary>
public sealed class OrganisationNormaliser
{
    /// <summary>Names longer than this are not names (a description or a whole row in the wrong field).</summary>
    public const int MaximumNameLength = 500;

    private readonly TimeProvider _time;

    /// <param name="time">Clock that bounds the founding year; the system clock when null.</param>
    public OrganisationNormaliser(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The normaliser on the system clock.</summary>
    public static OrganisationNormaliser Default { get; } = new();

    /// <summary>The schema v1 record of <paramref name="raw"/> with its content hash, or the reason it is quarantined.</summary>
    public NormalisationOutcome Normalise(RawOrganisation raw) => Normalise(raw, withContentHash: true);

    /// <summary>
    /// As <see cref="Normalise(RawOrganisation)"/>; without <paramref name="withContentHash"/> the record's
    /// content hash stays empty (a batch that stores nothing has no use for it, and it costs a serialisation
    /// and a SHA-256 per record).
    /// </summary>
    public NormalisationOutcome Normalise(RawOrganisation raw, bool withContentHash)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (string.IsNullOrWhiteSpace(raw.Source) || string.IsNullOrWhiteSpace(raw.SourceId))
        {
            return Quarantined(raw, "Field 'sourceId' (or 'source') is empty: the record has no identity.");
        }

        if (string.IsNullOrWhiteSpace(raw.Name))
        {
            return Quarantined(raw, raw.Name is null ? "Field 'name' is missing." : "Field 'name' is blank.");
        }

        var country = ResolveCountry(raw, out var countryProblem);
        bool? countryAssumed = country is not null && string.IsNullOrWhiteSpace(raw.Country) ? true : null;
        if (country is null && raw.CountryRequired)
        {
            return Quarantined(raw, countryProblem!);
        }

        var analysis = NameAnalyser.Default.Analyse(raw.Name, country);
        if (NameProblem(analysis.Display) is { } nameProblem)
        {
            return Quarantined(raw, nameProblem);
        }

        var website = WebAddressCanonicaliser.Default.Canonicalise(raw.Website);
        var record = new SourceRecord
        {
            Source = raw.Source.Trim(),
            SourceId = raw.SourceId.Trim(),
            SourceUrl = FieldText.Clean(raw.SourceUrl),
            Name = analysis.Display,
            Acronym = Acronym(raw.Acronym),
            AlternateNames = AlternateNames(raw.AlternateNames, analysis.Display),
            LegalForm = analysis.LegalForm ?? RawLegalForm(raw.LegalForm, country),
            OrganisationType = FieldText.Clean(raw.OrganisationType),
            Address = Address(raw, country, countryAssumed),
            Coordinates = GeoPointParser.Parse(raw.Latitude, raw.Longitude),
            Phone = PhoneNormaliser.Default.ToE164(raw.Phone, country),
            Website = website?.Url,
            RegistrableDomain = website?.RegistrableDomain,
            EmailDomain = EmailDomainExtractor.Default.Extract(raw.Email),
            Sectors = SectorNormaliser.Default.Normalise(raw.Sectors),
            Members = MemberCountsNormaliser.Normalise(raw.Members),
            YearFounded = FoundingYear.Parse(raw.YearFounded, _time.GetUtcNow().Year),
            Labels = QualityLabels.Normalise(raw.Labels),
            Partnerships = TextList.Clean(raw.Partnerships),
            UpdatedAt = raw.UpdatedAt,
            ReadWarnings = raw.ReadWarnings.Count == 0 ? null : [.. raw.ReadWarnings],
        };
        return NormalisationOutcome.Accepted(withContentHash ? RecordJson.WithContentHash(record) : record) with { NameAnalysis = analysis };
    }

    /// <summary>A quarantine reason, followed by the fields the connector could not read (often why a required one is missing).</summary>
    private static NormalisationOutcome Quarantined(RawOrganisation raw, string reason) =>
        NormalisationOutcome.Quarantined(raw.ReadWarnings.Count == 0
            ? reason
            : $"{reason} Fields that could not be read: {string.Join("; ", raw.ReadWarnings)}.");

    private static string? NameProblem(string name)
    {
        if (name.Length > MaximumNameLength)
        {
            return $"Field 'name' has {name.Length} characters, more than {MaximumNameLength}: '{name[..60]}...'.";
        }

        return FieldText.HasLetterOrDigit(name) ? null : $"Field 'name' has no letter or digit: '{name}'.";
    }

    private static string? ResolveCountry(RawOrganisation raw, out string? problem)
    {
        problem = null;
        var (field, value) = string.IsNullOrWhiteSpace(raw.Country)
            ? ("defaultCountry", raw.DefaultCountry)
            : ("country", raw.Country);
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "Field 'country' is missing and the source gives no default country.";
            return null;
        }

        var country = CountryResolver.Default.Resolve(value);
        if (country is null)
        {
            problem = $"Field '{field}' value '{value.Trim()}' names no known country.";
        }

        return country;
    }

    /// <summary>The postal address; null when a record of unknown country (ad-hoc input only) gives no part of one.</summary>
    private static PostalAddress? Address(RawOrganisation raw, string? country, bool? countryAssumed)
    {
        var street = FieldText.Clean(raw.Street);
        var locality = FieldText.Clean(raw.Locality);
        var postalCode = FieldText.Clean(raw.PostalCode);
        var region = RegionCode(raw.Region, country);
        return country is null && street is null && locality is null && postalCode is null && region is null
            ? null
            : new PostalAddress(street, locality, region, postalCode, country, countryAssumed);
    }

    private static string? RegionCode(string? region, string? country) =>
        country switch
        {
            null => null,
            "US" => UsStateResolver.Default.Resolve(region),
            _ => NutsRegion.Parse(region, country),
        };

    private static string? Acronym(string? acronym)
    {
        var cleaned = FieldText.Clean(acronym);
        return cleaned is not null && FieldText.HasLetterOrDigit(cleaned) ? cleaned : null;
    }

    private static IReadOnlyList<string> AlternateNames(IReadOnlyList<string> names, string name)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var nameKey = NameAnalyser.Fold(name);
        var result = new List<string>(names.Count);
        foreach (var alternate in TextList.Clean(names))
        {
            if (FieldText.HasLetterOrDigit(alternate) && NameAnalyser.Fold(alternate) != nameKey)
            {
                result.Add(alternate);
            }
        }

        return result;
    }

    private static LegalForm? RawLegalForm(string? legalForm, string? country) =>
        FieldText.Clean(legalForm) is { } form && FieldText.HasLetterOrDigit(form) ? new LegalForm(form, null, country) : null;
}
