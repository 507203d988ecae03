using ClusterSync.Synthetic.Noise;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>
/// Builds entity <c>i</c> from the seed alone, so any entity can be rebuilt at any time and nothing is
/// kept in memory. Name choices and other attributes use separate random streams: a hard negative takes
/// its anchor's name choices, changes one, and draws everything else itself.
/// </summary>
internal sealed class EntityFactory
{
    private const long NameStream = 1;
    private const long AttributeStream = 2;
    private const long SiblingStream = 3;
    private const long MutationStream = 4;
    private const long GuestStream = 6;
    private const long SplitStream = 7;

    /// <summary>Drawn per (entity, copy) like the noise (stream 5), so that it never shifts another stream.</summary>
    private const long RejoinStream = 9;

    private readonly Catalogue _catalogue;
    private readonly SyntheticOptions _options;
    private readonly ulong _seed;
    private readonly RegistryEntities _registry;
    private readonly string?[] _areaCodes;

    public EntityFactory(Catalogue catalogue, SyntheticOptions options, int entityCount)
    {
        _catalogue = catalogue;
        _options = options;
        _seed = (ulong)options.Seed;
        Names = new NameComposer(catalogue);
        Addresses = new AddressComposer(catalogue, _seed);
        _areaCodes = new string?[catalogue.Gazetteer.Cities.Count];
        Web = new WebIdentities(catalogue, _seed, AreaCode);
        _registry = new RegistryEntities(catalogue, entityCount, _seed);
    }

    public Catalogue Catalogue => _catalogue;

    public NameComposer Names { get; }

    public AddressComposer Addresses { get; }

    public WebIdentities Web { get; }

    public ulong Seed => _seed;

    public static string ClusterId(int index) => "e" + index.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public OrganisationEntity Create(int index)
    {
        var attributes = SeededRandom.For(_seed, index, AttributeStream);
        if (_registry.TryGet(index, out var registryOrganisation))
        {
            return _registry.Create(this, index, registryOrganisation, ref attributes);
        }

        if (SplitOff(index, ref attributes) is { } part)
        {
            return part;
        }

        var anchor = SiblingAnchor(index);
        if (anchor < 0 && HostOf(index) is var host and >= 0)
        {
            var hostEntity = Create(host);
            var guest = ChooseName(index, hostEntity.Country, hostEntity.Address.City);
            return Build(index, guest, Names.Render(guest), ref attributes, new Relation(EntityTraits.None, null, Building: hostEntity.Address));
        }

        var choices = ChooseName(anchor >= 0 ? anchor : index);
        var sameAddress = anchor >= 0 && _options.SiblingAtSameAddressRate > 0
            && SeededRandom.For(_seed, index, SiblingStream, 2).Chance(_options.SiblingAtSameAddressRate);
        if (anchor >= 0)
        {
            choices = Mutate(choices, index, keepCity: sameAddress);
        }

        var relation = anchor >= 0
            ? new Relation(EntityTraits.HardNegative, ClusterId(anchor), Building: sameAddress ? Create(anchor).Address : null)
            : default;
        return Build(index, choices, Names.Render(choices), ref attributes, relation);
    }

    /// <summary>
    /// For a duplicate written while a part of the entity was separate (drawn with
    /// <see cref="SyntheticOptions.RejoinRate"/>): the entity's own city as its name writes it, which that
    /// part added to the name. Null for other duplicates, and when the name already names the city.
    /// </summary>
    public string? RejoinQualifier(OrganisationEntity entity, int copy)
    {
        if (_options.RejoinRate <= 0 || !SeededRandom.For(_seed, entity.Index, copy, RejoinStream).Chance(_options.RejoinRate))
        {
            return null;
        }

        var city = CityWord(entity.Address.City, entity.Language.Code);
        return city is null || entity.NameCore.Contains(city, StringComparison.OrdinalIgnoreCase) ? null : city;
    }

    /// <summary>The city as a name of the language writes it; null for a Greek name of a town without a Greek form (it would write the region).</summary>
    private string? CityWord(City city, string language) =>
        language == Languages.Greek && _catalogue.Gazetteer.LocalCityName(city, language) is null ? null : Names.Places.CityInName(city, language);

    private OrganisationEntity Build(int index, NameChoices choices, string core, ref SeededRandom random, Relation relation)
    {
        var country = _catalogue.CountriesByCode[choices.City.Country];
        var traits = relation.Trait;
        if (index == 0 && _options.FrequentNameCopies > 0)
        {
            traits |= EntityTraits.FrequentName;
        }

        var roll = random.NextDouble();
        var acronym = roll < 0.55 ? Acronyms.Derive(core) : roll < 0.65 ? Acronyms.Brand(ref random) : null;
        var address = relation.Building ?? Addresses.Compose(country, choices.City, ref random);
        if (relation.Building is not null)
        {
            traits |= EntityTraits.SharedBuilding;
        }

        var latinName = choices.Language.Code == Languages.Greek ? Scripts.GreekToLatin(core) : core;
        var web = relation.KeptWeb ?? (random.Chance(_options.AgencyHostedRate)
            ? Web.AgencyHosted(country, choices.City, latinName, acronym, ref random)
            : Web.Own(country, choices.Language.Code, choices.City, latinName, acronym, ref random));
        if (web.AgencyHosted)
        {
            traits |= EntityTraits.AgencyHosted;
        }

        var secondary = choices.Template.UsesSecondSector || random.Chance(0.25) ? choices.Sector2 : null;
        return new OrganisationEntity
        {
            Index = index,
            Cluster = ClusterId(index),
            Country = country,
            Language = choices.Language,

            // A split-off's name (its parent's plus a city) is no template's: it is not re-rendered in English.
            Choices = relation.Trait == EntityTraits.SplitOff ? null : choices,
            NameCore = core,
            LegalForm = choices.LegalForm?.Form,
            Acronym = acronym,
            Address = address,
            HasRegion = !random.Chance(0.10),
            HasStreet = !random.Chance(0.08),
            HasPostalCode = !random.Chance(0.10),
            HasCoordinates = !random.Chance(0.20),
            WebAddress = web.WebAddress,
            EmailDomain = web.EmailDomain,
            WebsiteStyle = random.Next(WebAddresses.CanonicalStyles),
            HasWebsite = web.AgencyHosted || !random.Chance(0.10),
            Mailbox = web.AgencyHosted || random.Chance(0.75) ? web.Mailbox : null,
            PhoneDigits = web.SharedPhone ?? (random.Chance(0.75) ? Phone(country, choices.City, ref random) : null),
            PhoneFormat = random.Chance(0.7) ? 0 : 1,
            Founded = random.Chance(0.65) ? FoundingYear(ref random) : null,
            Sector = choices.Sector,
            SectorCodes = random.Chance(0.05) ? [] : SectorCodes.For(country, choices.Sector, secondary, ref random),
            Traits = traits,
            HardNegativeOf = relation.To,
        };
    }

    internal string Phone(CountryProfile country, City city, ref SeededRandom random) =>
        PhoneFormats.NewNumber(country, AreaCode(country, city), ref random);

    /// <summary>The telephone area code of a city: neighbours share it.</summary>
    private string AreaCode(CountryProfile country, City city) =>
        _areaCodes[city.Index] ??= PhoneFormats.AreaCode(country, _seed, city);

    internal static int FoundingYear(ref SeededRandom random)
    {
        var roll = random.NextDouble();
        return roll < 0.7 ? random.Between(1995, 2022) : roll < 0.9 ? random.Between(1960, 1994) : random.Between(1900, 1959);
    }

    /// <summary>The name choices of an entity; a guest of a shared building takes its host's country and city.</summary>
    private NameChoices ChooseName(int index, CountryProfile? hostCountry = null, City? hostCity = null)
    {
        var random = SeededRandom.For(_seed, index, NameStream);
        var country = _catalogue.Countries.Pick(ref random);
        country = hostCountry ?? country;
        var language = country.Languages.Pick(ref random);
        var template = _catalogue.TemplatesByLanguage[Languages.IndexOf(language.Code)].Pick(ref random);
        var sector = random.Pick(_catalogue.Sectors);
        var sector2 = OtherSector(sector, ref random);
        var city = country.Cities.Picker.Pick(ref random);
        city = hostCity ?? city;
        var placeIsRegion = random.Chance(0.06);
        var alternatives = random.NextULong();
        var legalForm = random.Chance(country.LegalFormRate) ? LegalFormFor(country, language, ref random) : null;
        return new NameChoices(language, template, sector, sector2, city, placeIsRegion, alternatives, legalForm);
    }

    private static LegalFormChoice? LegalFormFor(CountryProfile country, NameLanguage language, ref SeededRandom random)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var form = country.LegalForms.Pick(ref random);
            if (form.Language is null || form.Language == language.Code)
            {
                return form;
            }
        }

        return null;
    }

    private SectorConcept OtherSector(SectorConcept sector, ref SeededRandom random)
    {
        var other = random.Pick(_catalogue.Sectors);
        return other.Index == sector.Index ? _catalogue.Sectors[(other.Index + 1) % _catalogue.Sectors.Length] : other;
    }

    /// <summary>
    /// A part split off an earlier entity (its parent, chosen as a hard negative's anchor is): another
    /// organisation named like the parent plus its own city, another city of the parent's country (of its
    /// region when it has one), on the parent's web and e-mail domain (the old site), with its own address,
    /// phone and the rest. Null when the entity is no split-off.
    /// </summary>
    private OrganisationEntity? SplitOff(int index, ref SeededRandom attributes)
    {
        var parentIndex = SplitParent(index);
        if (parentIndex < 0)
        {
            return null;
        }

        var parent = Create(parentIndex);
        var choices = ChooseName(parentIndex);
        if (SplitCity(index, parent, choices.Language.Code) is not { } city)
        {
            return null;
        }

        var core = parent.NameCore + " " + CityWord(city, choices.Language.Code);
        var agencyHosted = parent.Traits.HasFlag(EntityTraits.AgencyHosted);
        var oldSite = new WebIdentity(parent.WebAddress, parent.EmailDomain, parent.Mailbox ?? "info", agencyHosted, null);
        return Build(index, choices with { City = city }, core, ref attributes, new Relation(EntityTraits.SplitOff, parent.Cluster, KeptWeb: oldSite));
    }

    /// <summary>The earlier entity a split-off parted from, or -1.</summary>
    private int SplitParent(int index)
    {
        if (!IsSplitOff(index))
        {
            return -1;
        }

        var random = SeededRandom.For(_seed, index, SplitStream);
        var parent = index - 1 - random.Next(3);
        while (parent >= 0 && (IsSibling(parent) || IsGuest(parent) || IsSplitOff(parent) || _registry.Contains(parent)))
        {
            parent--;
        }

        return parent;
    }

    /// <summary>A city of the parent's country whose name its name does not hold yet, preferably of the parent's region.</summary>
    private City? SplitCity(int index, OrganisationEntity parent, string language)
    {
        var random = SeededRandom.For(_seed, index, SplitStream, 2);
        var home = parent.Address.City;
        var cities = _catalogue.Gazetteer.In(home.Country);
        var region = cities.ByRegion[home.Region];
        var homeName = Names.Places.CityInName(home, language);
        for (var attempt = 0; attempt < 24; attempt++)
        {
            var city = attempt < 12 && region.Length > 1 ? random.Pick(region) : cities.Picker.Pick(ref random);
            if (CityWord(city, language) is { } name && city.Index != home.Index
                && !string.Equals(name, homeName, StringComparison.OrdinalIgnoreCase)
                && !parent.NameCore.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return city;
            }
        }

        return null;
    }

    private bool IsSplitOff(int index) =>
        _options.SplitRate > 0 && index > 0 && !_registry.Contains(index) && SeededRandom.For(_seed, index, SplitStream, 1).Chance(_options.SplitRate);

    /// <summary>The earlier entity a hard negative imitates, or -1.</summary>
    private int SiblingAnchor(int index)
    {
        if (index == 0 || !IsSibling(index))
        {
            return -1;
        }

        var random = SeededRandom.For(_seed, index, SiblingStream);
        var anchor = index - 1 - random.Next(3);
        while (anchor >= 0 && (IsSibling(anchor) || IsGuest(anchor) || IsSplitOff(anchor) || _registry.Contains(anchor)))
        {
            anchor--;
        }

        return anchor;
    }

    /// <summary>The earlier entity whose building a guest shares, or -1.</summary>
    private int HostOf(int index)
    {
        if (index == 0 || !IsGuest(index))
        {
            return -1;
        }

        var random = SeededRandom.For(_seed, index, GuestStream);
        var host = index - 1 - random.Next(4);
        while (host >= 0 && IsGuest(host))
        {
            host--;
        }

        return host;
    }

    private bool IsGuest(int index) =>
        !_registry.Contains(index) && SeededRandom.For(_seed, index, GuestStream, 1).Chance(_options.SharedBuildingRate);

    private bool IsSibling(int index) =>
        !_registry.Contains(index) && SeededRandom.For(_seed, index, SiblingStream, 1).Chance(_options.HardNegativeRate);

    /// <summary>
    /// How an entity relates to an earlier one: a near-namesake (<see cref="EntityTraits.HardNegative"/>), a
    /// part split off it (<see cref="EntityTraits.SplitOff"/>, keeping its web identity), or none; and the
    /// building it shares, if any.
    /// </summary>
    private readonly record struct Relation(EntityTraits Trait, string? To, StreetAddress? Building = null, WebIdentity? KeptWeb = null);

    /// <summary>Changes the city, the sector or the wording so the name differs from the anchor's in one place.</summary>
    private NameChoices Mutate(NameChoices anchor, int index, bool keepCity)
    {
        var random = SeededRandom.For(_seed, index, MutationStream);
        var anchorName = Names.Render(anchor);
        var candidate = anchor;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var kind = random.Next(10);
            candidate = kind switch
            {
                < 4 when !keepCity => anchor with { City = _catalogue.Gazetteer.In(anchor.City.Country).Picker.Pick(ref random) },
                < 4 => anchor with { Sector = OtherSector(anchor.Sector, ref random) },
                < 8 => anchor with { Sector = OtherSector(anchor.Sector, ref random) },
                _ => anchor with { AlternativesSeed = random.NextULong() },
            };
            if (candidate.Sector.Index == candidate.Sector2.Index)
            {
                candidate = candidate with { Sector2 = OtherSector(candidate.Sector, ref random) };
            }

            if (!string.Equals(Names.Render(candidate), anchorName, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return candidate;
    }
}
