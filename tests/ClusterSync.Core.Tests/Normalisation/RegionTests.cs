using ClusterSync.Core.Normalisation.Regions;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class RegionTests
{
    [TestCase("CA", "CA")]
    [TestCase("ny", "NY")]
    [TestCase("California", "CA")]
    [TestCase("new york", "NY")]
    [TestCase("District of Columbia", "DC")]
    [TestCase("Washington, D.C.", "DC")]
    [TestCase("Puerto Rico", "PR")]
    [TestCase("Guam", "GU")]
    public void UsStates_resolve_codes_and_names_to_usps_codes(string region, string expected)
    {
        var code = UsStateResolver.Default.Resolve(region);

        Assert.That(code, Is.EqualTo(expected));
    }

    [Test]
    public void UsStates_know_fifty_states_dc_and_the_territories()
    {
        var codes = UsStateResolver.Default.Codes;

        Assert.That(codes, Has.Count.EqualTo(57));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("XX")]
    [TestCase("Bavaria")]
    public void UsStates_give_null_for_unknown_regions(string? region)
    {
        var code = UsStateResolver.Default.Resolve(region);

        Assert.That(code, Is.Null);
    }

    [TestCase("DE21", "DE", "DE21")]
    [TestCase("de21", "DE", "DE21")]
    [TestCase("EL30", "GR", "EL30")]
    [TestCase("UKI3", "GB", "UKI3")]
    [TestCase("FR10", "FR", "FR10")]
    [TestCase("DE212", "DE", "DE21")]
    public void Nuts_keeps_nuts2_codes_of_the_country(string code, string country, string expected)
    {
        var nuts = NutsRegion.Parse(code, country);

        Assert.That(nuts, Is.EqualTo(expected));
    }

    [TestCase("GR30", "GR")]
    [TestCase("GB13", "GB")]
    [TestCase("FR10", "DE")]
    [TestCase("DE2", "DE")]
    [TestCase("DE2-1", "DE")]
    [TestCase("Bayern", "DE")]
    [TestCase(null, "DE")]
    public void Nuts_rejects_codes_of_the_wrong_shape_or_country(string? code, string country)
    {
        var nuts = NutsRegion.Parse(code, country);

        Assert.That(nuts, Is.Null);
    }
}
