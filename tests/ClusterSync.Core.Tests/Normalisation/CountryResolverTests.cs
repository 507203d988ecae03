using ClusterSync.Core.Normalisation.Countries;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class CountryResolverTests
{
    private static readonly CountryResolver Resolver = CountryResolver.Default;

    [TestCase("DE", "DE")]
    [TestCase("de", "DE")]
    [TestCase(" fr ", "FR")]
    [TestCase("DEU", "DE")]
    [TestCase("srb", "RS")]
    [TestCase("276", "DE")]
    [TestCase("40", "AT")]
    [TestCase("XK", "XK")]
    public void Resolve_reads_alpha2_alpha3_and_numeric_codes(string code, string expected)
    {
        var country = Resolver.Resolve(code);

        Assert.That(country, Is.EqualTo(expected));
    }

    [TestCase("Germany", "DE")]
    [TestCase("Deutschland", "DE")]
    [TestCase("Österreich", "AT")]
    [TestCase("España", "ES")]
    [TestCase("Česká republika", "CZ")]
    [TestCase("Polska", "PL")]
    [TestCase("Ελλάδα", "GR")]
    [TestCase("България", "BG")]
    [TestCase("Србија", "RS")]
    [TestCase("Srbija", "RS")]
    [TestCase("Україна", "UA")]
    [TestCase("Türkiye", "TR")]
    [TestCase("Magyarország", "HU")]
    [TestCase("Suomi", "FI")]
    [TestCase("Sverige", "SE")]
    [TestCase("Italia", "IT")]
    [TestCase("Nederland", "NL")]
    [TestCase("Hrvatska", "HR")]
    [TestCase("Lietuva", "LT")]
    [TestCase("Северна Македонија", "MK")]
    [TestCase("Shqipëri", "AL")]
    public void Resolve_reads_names_in_english_and_local_languages(string name, string expected)
    {
        var country = Resolver.Resolve(name);

        Assert.That(country, Is.EqualTo(expected));
    }

    [TestCase("DEUTSCHLAND", "DE")]
    [TestCase("osterreich", "AT")]
    [TestCase("ceska republika", "CZ")]
    [TestCase("  united   kingdom ", "GB")]
    public void Resolve_ignores_case_diacritics_and_spacing(string name, string expected)
    {
        var country = Resolver.Resolve(name);

        Assert.That(country, Is.EqualTo(expected));
    }

    [TestCase("Netherlands", "NL")]
    [TestCase("Turkey", "TR")]
    [TestCase("Vereinigtes Königreich", "GB")]
    public void Resolve_reads_alternative_names(string name, string expected)
    {
        var country = Resolver.Resolve(name);

        Assert.That(country, Is.EqualTo(expected));
    }

    [TestCase("UK", "GB")]
    [TestCase("Great Britain", "GB")]
    [TestCase("England", "GB")]
    [TestCase("Scotland", "GB")]
    [TestCase("Wales", "GB")]
    [TestCase("Northern Ireland", "GB")]
    [TestCase("EL", "GR")]
    [TestCase("Kosovo", "XK")]
    public void Resolve_reads_common_extras(string name, string expected)
    {
        var country = Resolver.Resolve(name);

        Assert.That(country, Is.EqualTo(expected));
    }

    [TestCase("Kongo")]
    [TestCase("Congo")]
    public void Resolve_leaves_names_of_two_countries_unresolved(string name)
    {
        var country = Resolver.Resolve(name);

        Assert.That(country, Is.Null);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("Atlantis")]
    [TestCase("QQ")]
    [TestCase("999")]
    public void Resolve_gives_null_for_unknown_countries(string? text)
    {
        var country = Resolver.Resolve(text);

        Assert.That(country, Is.Null);
    }

    [Test]
    public void Alpha2Codes_cover_the_iso_list()
    {
        var codes = Resolver.Alpha2Codes.ToList();

        Assert.That(codes, Has.Count.EqualTo(250).And.Contains("XK").And.Contains("GB"));
    }
}
