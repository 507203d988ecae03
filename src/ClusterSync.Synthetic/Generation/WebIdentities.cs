using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>Where an organisation is on the web: its own domain, or a page on a regional agency's site.</summary>
internal readonly record struct WebIdentity(string WebAddress, string EmailDomain, string Mailbox, bool AgencyHosted, string? SharedPhone);

/// <summary>Own domains and regional agency domains (one agency per region, shared by the programmes it hosts).</summary>
internal sealed class WebIdentities(Catalogue catalogue, ulong seed, Func<CountryProfile, City, string> areaCode)
{
    public WebIdentity Own(CountryProfile country, string language, City city, string latinName, string? acronym, ref SeededRandom random)
    {
        var domain = WebAddresses.OwnDomain(latinName, acronym, city.AsciiName, country.TopLevelDomains.Pick(ref random), ref random);
        return new WebIdentity(domain, domain, random.Pick(catalogue.WordsFor(language, "mailbox")), false, null);
    }

    public WebIdentity AgencyHosted(CountryProfile country, City city, string latinName, string? acronym, ref SeededRandom random)
    {
        var (agency, switchboard) = Agency(country, city);
        var page = WebAddresses.Slug(latinName, 4);
        var mailbox = random.Chance(0.5) ? "info" : acronym is null ? WebAddresses.Slug(latinName, 1) : WebAddresses.Slug(acronym, 1);
        return new WebIdentity(agency + "/" + page, agency, mailbox.Length > 0 ? mailbox : "info", true, random.Chance(0.5) ? switchboard : null);
    }

    /// <summary>The development agency of the city's region: its domain and its switchboard number.</summary>
    public (string Domain, string Switchboard) Agency(CountryProfile country, City city)
    {
        var regionSeat = catalogue.Gazetteer.In(country.Code).ByRegion[city.Region][0];
        var random = SeededRandom.For(seed, regionSeat.Index, 7300);
        var pattern = random.Pick(catalogue.WordsFor(country.LocalLanguage, "agency"));
        var regionName = country.LocalLanguage == Languages.Greek
            ? city.Region
            : catalogue.Gazetteer.LocalRegionName(regionSeat, country.LocalLanguage) ?? city.Region;
        var domain = pattern.Replace("{region}", WebAddresses.Slug(regionName, 3), StringComparison.Ordinal)
            + "." + country.TopLevelDomains.Items[0];

        var switchboard = PhoneFormats.NewNumber(country, areaCode(country, regionSeat), ref random);
        return (domain, switchboard);
    }
}
