using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>
/// Entities named after real U.S. Cluster Registry organisations: each name at most once per data set,
/// at evenly spaced entity indices (which names a small set gets depends on the seed), placed in the
/// state or city the name mentions.
/// </summary>
internal sealed class RegistryEntities
{
    private readonly Catalogue _catalogue;
    private readonly int _stride;
    private readonly City?[] _homes;
    private readonly CountryProfile _unitedStates;
    private readonly int _offset;

    public RegistryEntities(Catalogue catalogue, int entityCount, ulong seed)
    {
        _catalogue = catalogue;
        _stride = Math.Max(entityCount / Math.Max(catalogue.Registry.Length, 1), 20);
        _offset = SeededRandom.For(seed, -2).Next(Math.Max(catalogue.Registry.Length, 1));
        _unitedStates = catalogue.CountriesByCode["US"];
        var cities = catalogue.Gazetteer.In("US");
        _homes = [.. catalogue.Registry.Select(o => Home(o.Name, cities))];
    }

    public bool Contains(int index) => index % _stride == _stride / 2 && index / _stride < _catalogue.Registry.Length;

    public bool TryGet(int index, out int registryIndex)
    {
        registryIndex = (index / _stride + _offset) % _catalogue.Registry.Length;
        return Contains(index);
    }

    public OrganisationEntity Create(EntityFactory factory, int index, int registryIndex, ref SeededRandom random)
    {
        var organisation = _catalogue.Registry[registryIndex];
        var city = _homes[registryIndex] ?? _catalogue.Gazetteer.In("US").Picker.Pick(ref random);
        var (core, legalForm) = SplitLegalForm(organisation.Name);
        var acronym = random.Chance(0.5) ? Acronyms.Derive(core) : null;
        var address = factory.Addresses.Compose(_unitedStates, city, ref random);
        var web = factory.Web.Own(_unitedStates, Languages.English, city, core, acronym, ref random);
        var sector = _catalogue.Sectors.FirstOrDefault(s => organisation.ClusterCodes.Contains(s.UsCluster)) ?? _catalogue.Sectors[0];
        return new OrganisationEntity
        {
            Index = index,
            Cluster = EntityFactory.ClusterId(index),
            Country = _unitedStates,
            Language = new NameLanguage(Languages.English, false),
            NameCore = core,
            LegalForm = legalForm,
            Acronym = acronym,
            Address = address,
            HasRegion = true,
            HasStreet = !random.Chance(0.08),
            HasPostalCode = !random.Chance(0.10),
            HasCoordinates = !random.Chance(0.20),
            WebAddress = web.WebAddress,
            EmailDomain = web.EmailDomain,
            WebsiteStyle = random.Next(WebAddresses.CanonicalStyles),
            HasWebsite = !random.Chance(0.10),
            Mailbox = random.Chance(0.75) ? web.Mailbox : null,
            PhoneDigits = random.Chance(0.75) ? factory.Phone(_unitedStates, city, ref random) : null,
            PhoneFormat = random.Chance(0.7) ? 0 : 1,
            Founded = random.Chance(0.65) ? EntityFactory.FoundingYear(ref random) : null,
            Sector = sector,
            SectorCodes = [.. organisation.ClusterCodes.Select(c => Core.Records.SectorSchemes.UsCluster + ":" + c)],
            Traits = EntityTraits.RegistryName,
        };
    }

    private static (string Core, string? LegalForm) SplitLegalForm(string name)
    {
        foreach (var form in (string[])[", Inc.", " Inc.", ", LLC", " LLC"])
        {
            if (name.EndsWith(form, StringComparison.Ordinal))
            {
                return (name[..^form.Length], form.TrimStart(',', ' '));
            }
        }

        return (name, null);
    }

    /// <summary>The biggest city of a state the name mentions, else a city it mentions, else none.</summary>
    private static City? Home(string name, CountryCities cities)
    {
        foreach (var (region, regionCities) in cities.ByRegion.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (ContainsWord(name, region))
            {
                return regionCities.MaxBy(c => c.Population);
            }
        }

        return cities.Cities.Where(c => c.Name.Length >= 5 && ContainsWord(name, c.Name)).MaxBy(c => c.Population);
    }

    private static bool ContainsWord(string text, string word)
    {
        var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        return at >= 0
            && (at == 0 || !char.IsLetter(text[at - 1]))
            && (at + word.Length == text.Length || !char.IsLetter(text[at + word.Length]));
    }
}
