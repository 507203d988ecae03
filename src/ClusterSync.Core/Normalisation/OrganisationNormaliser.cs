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

    public static OrganisationNormaliser Default { get; } = new();

    public NormalisationOutcome Normalise(RawOrganisation raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (string.IsNullOrWhiteSpace(raw.Source) || string.IsNullOrWhiteSpace(raw.SourceId))
        {
            return NormalisationOutcome.Quarantined("Field 'sourceId' (or 'source') is empty: the record has no identity.");
        }

        var name = raw.Name is null ? "" : NameAnalyser.Clean(raw.Name);
        if (NameProblem(raw.Name, name) is { } nameProblem)
        {
            return NormalisationOutcome.Quarantined(nameProblem);
        }

        var country = ResolveCountry(raw, out var countryProblem);
        if (country is null)
        {
            return NormalisationOutcome.Quarantined(countryProblem!);
        }

        var analysis = NameAnalyser.Default.Analyse(name, country);
        var website = WebAddressCanonicaliser.Default.Canonicalise(raw.Website);
        var record = new SourceRecord
        {
            Source = raw.Source.Trim(),
            SourceId = raw.SourceId.Trim(),
            SourceUrl = CleanOrNull(raw.SourceUrl),
            Name = analysis.Display,
            Acronym = Acronym(raw.Acronym),
            AlternateNames = AlternateNames(raw.AlternateNames, analysis.Display),
            LegalForm = analysis.LegalForm ?? RawLegalForm(raw.LegalForm, country),
            OrganisationType = CleanOrNull(raw.OrganisationType),
            Address = new PostalAddress(
                CleanOrNull(raw.Street), CleanOrNull(raw.Locality), RegionCode(raw.Region, country), CleanOrNull(raw.PostalCode), country),
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
        };
        return NormalisationOutcome.Accepted(RecordJson.WithContentHash(record));
    }

    private static string? NameProblem(string? raw, string name)
    {
        if (name.Length == 0)
        {
            return raw is null ? "Field 'name' is missing." : "Field 'name' is blank.";
        }

        if (name.Length > MaximumNameLength)
        {
            return $"Field 'name' has {name.Length} characters, more than {MaximumNameLength}: '{name[..60]}...'.";
        }

        return HasLetterOrDigit(name) ? null : $"Field 'name' has no letter or digit: '{name}'.";
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

    private static string? RegionCode(string? region, string country) =>
        country == "US" ? UsStateResolver.Default.Resolve(region) : NutsRegion.Parse(region, country);

    private static string? Acronym(string? acronym)
    {
        var cleaned = CleanOrNull(acronym);
        return cleaned is not null && HasLetterOrDigit(cleaned) ? cleaned : null;
    }

    private static IReadOnlyList<string> AlternateNames(IReadOnlyList<string> names, string name)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var nameKey = NameAnalyser.Fold(name);
        var cleaned = TextList.Clean(names);
        return cleaned.Any(n => NameAnalyser.Fold(n) == nameKey || !HasLetterOrDigit(n))
            ? [.. cleaned.Where(n => NameAnalyser.Fold(n) != nameKey && HasLetterOrDigit(n))]
            : cleaned;
    }

    private static LegalForm? RawLegalForm(string? legalForm, string country) =>
        CleanOrNull(legalForm) is { } form && HasLetterOrDigit(form) ? new LegalForm(form, null, country) : null;

    private static string? CleanOrNull(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = NameAnalyser.Clean(text);
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static bool HasLetterOrDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
