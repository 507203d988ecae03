using System.Globalization;
using ClusterSync.Synthetic.Generation;

namespace ClusterSync.Synthetic.Vocabulary;

/// <summary>A real organisation name of the U.S. Cluster Registry with its benchmark cluster codes.</summary>
internal sealed record RegistryOrganisation(string Name, string[] ClusterCodes);

/// <summary>All vocabulary and reference data of the generator, read once from embedded resources.</summary>
internal sealed class Catalogue
{
    private static readonly Lazy<Catalogue> SharedInstance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Catalogue Shared => SharedInstance.Value;

    public required Gazetteer Gazetteer { get; init; }

    public required Weighted<CountryProfile> Countries { get; init; }

    public required IReadOnlyDictionary<string, CountryProfile> CountriesByCode { get; init; }

    public required SectorConcept[] Sectors { get; init; }

    public required IReadOnlyDictionary<string, Weighted<NameTemplate>> Templates { get; init; }

    /// <summary>Templates indexed like <see cref="Languages.All"/>.</summary>
    public required Weighted<NameTemplate>[] TemplatesByLanguage { get; init; }

    public required IReadOnlyDictionary<string, StreetStyle> StreetStyles { get; init; }

    public required IReadOnlyDictionary<string, string[]> LegalFormVariants { get; init; }

    /// <summary>Words by slot (mailbox, staff, agency), then by language.</summary>
    public required IReadOnlyDictionary<string, Dictionary<string, string[]>> Words { get; init; }

    /// <summary>Generic nouns (cluster, network, …): one row per concept, one column per language.</summary>
    public required IReadOnlyList<IReadOnlyDictionary<string, string>> GenericNouns { get; init; }

    public required RegistryOrganisation[] Registry { get; init; }

    public string[] WordsFor(string language, string slot)
    {
        var bySlot = Words[slot];
        return bySlot.TryGetValue(language, out var words) ? words : bySlot[Languages.English];
    }

    private static Catalogue Load()
    {
        var gazetteer = Gazetteer.Load();
        var countries = ResourceTable.Read("vocabulary/countries.tsv").Select(ParseCountry)
            .Where(c => gazetteer.HasCountry(c.Code)).ToList();
        foreach (var country in countries)
        {
            country.Cities = gazetteer.In(country.Code);
        }

        var templates = ResourceTable.Read("vocabulary/templates.tsv")
            .GroupBy(r => r[0], StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => new Weighted<NameTemplate>(g.Select(r => (NameTemplate.Parse(r[0], r[2]), Number(r[1])))),
                StringComparer.Ordinal);
        return new Catalogue
        {
            Gazetteer = gazetteer,
            Countries = new Weighted<CountryProfile>(countries.Select(c => (c, c.Weight))),
            CountriesByCode = countries.ToDictionary(c => c.Code, StringComparer.Ordinal),
            Sectors = LoadSectors(),
            Templates = templates,
            TemplatesByLanguage = [.. Languages.All.Select(l => templates[l])],
            StreetStyles = LoadStreetStyles(),
            LegalFormVariants = ResourceTable.Read("vocabulary/legal-forms.tsv")
                .ToDictionary(r => r[0], r => r[1].Split('|'), StringComparer.Ordinal),
            Words = ResourceTable.Read("vocabulary/words.tsv")
                .GroupBy(r => r[1], StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => g.ToDictionary(r => r[0], r => r[2].Split('|'), StringComparer.Ordinal),
                    StringComparer.Ordinal),
            GenericNouns = LoadNouns(),
            Registry = LoadRegistry(),
        };
    }

    private static CountryProfile ParseCountry(string[] row) => new(
        Code: row[0],
        Weight: Number(row[1]),
        Languages: new Weighted<NameLanguage>(ResourceTable.WeightedList(row[2]).Select(l => (NameLanguage.Parse(l.Item), l.Weight))),
        StreetStyle: row[3],
        TopLevelDomains: new Weighted<string>(ResourceTable.WeightedList(row[4])),
        CallingCode: row[5],
        PhoneNational: row[6],
        PhoneInternational: row[7],
        AreaDigits: (int)Number(row[8]),
        PostalPatterns: row[9].Split('|'),
        LegalForms: new Weighted<LegalFormChoice>(ResourceTable.WeightedList(row[10]).Select(f => (ParseLegalForm(f.Item), f.Weight))),
        LegalFormRate: Number(row[11]) / 100.0);

    private static LegalFormChoice ParseLegalForm(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? new LegalFormChoice(text, null) : new LegalFormChoice(text[..at], text[(at + 1)..]);
    }

    private static SectorConcept[] LoadSectors()
    {
        var rows = ResourceTable.Read("vocabulary/sectors.tsv");
        var sectors = new SectorConcept[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var l = 0; l < Languages.All.Length; l++)
            {
                labels[Languages.All[l]] = row[6 + l];
            }

            sectors[i] = new SectorConcept(i, row[0], row[1], row[2], row[3], row[4], row[5], labels);
        }

        return sectors;
    }

    private static Dictionary<string, StreetStyle> LoadStreetStyles() =>
        ResourceTable.Read("vocabulary/streets.tsv")
            .GroupBy(r => r[0], StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var slots = g.ToDictionary(r => r[1], r => r[2], StringComparer.Ordinal);
                    var abbreviations = slots["abbrev"].Split('|')
                        .Select(p => p.Split('='))
                        .Select(p => (p[0], p[1]))
                        .ToArray();
                    return new StreetStyle(g.Key, slots["pattern"].Split('|'), slots["base"].Split('|'), abbreviations);
                },
                StringComparer.Ordinal);

    private static List<IReadOnlyDictionary<string, string>> LoadNouns()
    {
        var nouns = new List<IReadOnlyDictionary<string, string>>();
        foreach (var row in ResourceTable.Read("vocabulary/nouns.tsv"))
        {
            var byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var l = 0; l < Languages.All.Length; l++)
            {
                byLanguage[Languages.All[l]] = row[1 + l];
            }

            nouns.Add(byLanguage);
        }

        return nouns;
    }

    /// <summary>One organisation per distinct title: the registry lists one of them twice under two ids.</summary>
    private static RegistryOrganisation[] LoadRegistry() =>
        [.. ResourceTable.Read("registry/registry_org_clusters.dedup.csv")
            .GroupBy(r => r[1].Trim(), StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => int.Parse(r[0], CultureInfo.InvariantCulture)))
            .Select(g => new RegistryOrganisation(g.Key, [.. g.Select(r => r[3]).Distinct(StringComparer.Ordinal)]))];

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
