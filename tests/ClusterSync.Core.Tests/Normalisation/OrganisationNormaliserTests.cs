using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class OrganisationNormaliserTests
{
    private static readonly OrganisationNormaliser Normaliser = OrganisationNormaliser.Default;

    private static RawOrganisation EuropeanCluster() => new()
    {
        Source = "eccp",
        SourceId = "node-4711",
        SourceUrl = " https://cluster.example.eu/content/bavarian-aerospace ",
        Name = "  Bavarian   Aerospace Cluster e.V. ",
        Acronym = " BavAIRia ",
        AlternateNames = ["bavarian aerospace cluster e.v.", " Luft- und Raumfahrtcluster Bayern ", "Luft- und Raumfahrtcluster Bayern", "---"],
        LegalForm = "e.V.",
        OrganisationType = "  Cluster organisation ",
        Street = "Lilienthalstraße  1",
        Locality = " München ",
        Region = "de21",
        PostalCode = " 82205 ",
        Country = "Deutschland",
        Latitude = "48.0833",
        Longitude = "11.2833",
        Phone = "089 3577 1620",
        Website = "HTTP://WWW.Example-Aerospace.de/?utm_source=eccp",
        Email = "anna.schmidt@example-aerospace.de",
        Sectors = [new RawSector("eu-ecosystem", "Aerospace & Defence"), new RawSector("nace2", "30.30")],
        Members = new MemberCounts(120, 90, 12, 8, -1),
        YearFounded = "est. 2006",
        Labels = ["ESCA Gold label", "gold"],
        Partnerships = [" ESCP-4i Alpha ", "escp-4i alpha"],
        UpdatedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        ContactName = "Anna Schmidt",
    };

    [Test]
    public void Ad_hoc_input_may_leave_the_country_unknown_and_keeps_the_rest_of_the_address()
    {
        var raw = new RawOrganisation { Source = "input", SourceId = "7", Name = "Water Council", Locality = " Milwaukee ", CountryRequired = false };

        var record = Normaliser.Normalise(raw).Record;

        Assert.That(record, Is.Not.Null);
        Assert.That(record!.Address, Is.EqualTo(new PostalAddress(null, "Milwaukee", null, null, null)));
    }

    [Test]
    public void Ad_hoc_input_of_unknown_country_and_no_address_has_no_address()
    {
        var raw = new RawOrganisation { Source = "input", SourceId = "7", Name = "Water Council", Country = "Atlantis", CountryRequired = false };

        Assert.That(Normaliser.Normalise(raw).Record?.Address, Is.Null);
    }

    [Test]
    public void Normalise_builds_the_full_record()
    {
        var record = Normaliser.Normalise(EuropeanCluster()).Record!;

        Assert.Multiple(() =>
        {
            Assert.That(record.Key, Is.EqualTo(new SourceRecordKey("eccp", "node-4711")));
            Assert.That(record.SourceUrl, Is.EqualTo("https://cluster.example.eu/content/bavarian-aerospace"));
            Assert.That(record.Name, Is.EqualTo("Bavarian Aerospace Cluster e.V."));
            Assert.That(record.Acronym, Is.EqualTo("BavAIRia"));
            Assert.That(record.AlternateNames, Is.EqualTo(new[] { "Luft- und Raumfahrtcluster Bayern" }));
            Assert.That(record.LegalForm?.Abbreviation, Is.EqualTo("e.V."));
            Assert.That(record.OrganisationType, Is.EqualTo("Cluster organisation"));
            Assert.That(record.Address, Is.EqualTo(new PostalAddress("Lilienthalstraße 1", "München", "DE21", "82205", "DE")));
            Assert.That(record.Coordinates, Is.EqualTo(new GeoPoint(48.0833, 11.2833)));
            Assert.That(record.Phone, Is.EqualTo("+498935771620"));
            Assert.That(record.Website, Is.EqualTo("http://example-aerospace.de"));
            Assert.That(record.RegistrableDomain, Is.EqualTo("example-aerospace.de"));
            Assert.That(record.EmailDomain, Is.EqualTo("example-aerospace.de"));
            Assert.That(record.Sectors.Select(s => $"{s.Scheme}:{s.Code}"), Does.Contain("eu-ecosystem:Aerospace and Defence").And.Contain("nace2:30.30").And.Contain("us-cluster:1"));
            Assert.That(record.Members, Is.EqualTo(new MemberCounts(120, 90, 12, 8, null)));
            Assert.That(record.YearFounded, Is.EqualTo(2006));
            Assert.That(record.Labels, Is.EqualTo(new[] { "ESCA Gold" }));
            Assert.That(record.Partnerships, Is.EqualTo(new[] { "ESCP-4i Alpha" }));
            Assert.That(record.ContentHash, Does.Match("^sha256:[0-9a-f]{64}$"));
        });
    }

    [Test]
    public void Normalise_resolves_us_states_and_the_default_country()
    {
        var raw = new RawOrganisation { Source = "us-cluster-mapping", SourceId = "42", Name = "Ohio Aerospace Institute", Region = "Ohio", DefaultCountry = "US" };

        var address = Normaliser.Normalise(raw).Record!.Address;

        Assert.That(address, Is.EqualTo(new PostalAddress(null, null, "OH", null, "US", CountryAssumed: true)));
    }

    [Test]
    public void A_stated_country_is_not_marked_assumed_even_beside_a_default()
    {
        var raw = new RawOrganisation { Source = "us-cluster-mapping", SourceId = "43", Name = "OSTIM Medical Industry Cluster", Country = "Türkiye", DefaultCountry = "US" };

        var record = Normaliser.Normalise(raw).Record!;

        Assert.That(record.Address, Is.EqualTo(new PostalAddress(null, null, null, null, "TR")));
        Assert.That(RecordJson.Serialize(record), Does.Not.Contain("countryAssumed"));
    }

    [Test]
    public void Normalise_never_writes_personal_data()
    {
        var json = RecordJson.Serialize(Normaliser.Normalise(EuropeanCluster()).Record!);

        Assert.That(json, Does.Not.Contain("Anna").And.Not.Contain("Schmidt").And.Not.Contain("anna.schmidt").And.Not.Contain("@"));
    }

    [Test]
    public void Normalise_gives_the_same_hash_for_the_same_input()
    {
        var first = Normaliser.Normalise(EuropeanCluster()).Record!;
        var second = Normaliser.Normalise(EuropeanCluster()).Record!;

        Assert.That(second.ContentHash, Is.EqualTo(first.ContentHash));
    }

    [Test]
    public void Normalise_gives_another_hash_when_a_field_changes()
    {
        var first = Normaliser.Normalise(EuropeanCluster()).Record!;
        var changed = Normaliser.Normalise(EuropeanCluster() with { Locality = "Oberpfaffenhofen" }).Record!;

        Assert.That(changed.ContentHash, Is.Not.EqualTo(first.ContentHash));
    }

    [Test]
    public void Normalise_gives_the_same_hash_when_only_personal_data_changes()
    {
        var first = Normaliser.Normalise(EuropeanCluster()).Record!;
        var changed = Normaliser.Normalise(EuropeanCluster() with { ContactName = "Max Mustermann", Email = "max@example-aerospace.de" }).Record!;

        Assert.That(changed.ContentHash, Is.EqualTo(first.ContentHash));
    }

    [TestCase(null, "Field 'name' is missing.")]
    [TestCase("   ", "Field 'name' is blank.")]
    [TestCase(" -- / . ", "Field 'name' has no letter or digit: '-- / .'.")]
    public void Normalise_quarantines_a_record_without_usable_name(string? name, string expectedReason)
    {
        var outcome = Normaliser.Normalise(EuropeanCluster() with { Name = name });

        Assert.That(outcome.QuarantineReason, Is.EqualTo(expectedReason));
    }

    [Test]
    public void Normalise_quarantines_a_name_over_500_characters()
    {
        var outcome = Normaliser.Normalise(EuropeanCluster() with { Name = new string('x', 501) });

        Assert.That(outcome.QuarantineReason, Does.StartWith("Field 'name' has 501 characters, more than 500"));
    }

    [Test]
    public void Normalise_quarantines_an_unknown_country_quoting_the_value()
    {
        var outcome = Normaliser.Normalise(EuropeanCluster() with { Country = "Atlantis" });

        Assert.That(outcome.QuarantineReason, Is.EqualTo("Field 'country' value 'Atlantis' names no known country."));
    }

    [Test]
    public void Normalise_quarantines_a_record_without_any_country()
    {
        var outcome = Normaliser.Normalise(EuropeanCluster() with { Country = " ", DefaultCountry = null });

        Assert.That(outcome.QuarantineReason, Is.EqualTo("Field 'country' is missing and the source gives no default country."));
    }

    [Test]
    public void Normalise_quarantines_a_record_without_source_id()
    {
        var outcome = Normaliser.Normalise(EuropeanCluster() with { SourceId = " " });

        Assert.That(outcome.QuarantineReason, Does.Contain("'sourceId'"));
    }

    [Test]
    public void Normalise_turns_merely_invalid_fields_into_null()
    {
        var raw = EuropeanCluster() with
        {
            Phone = "n/a",
            Website = "none",
            Email = "someone@gmail.com",
            Region = "Oberbayern",
            Latitude = "0",
            Longitude = "0",
            YearFounded = "unknown",
            Acronym = " - ",
        };

        var record = Normaliser.Normalise(raw).Record!;

        Assert.That(
            new object?[] { record.Phone, record.Website, record.RegistrableDomain, record.EmailDomain, record.Address!.RegionCode, record.Coordinates, record.YearFounded, record.Acronym },
            Is.All.Null);
    }

    [Test]
    public void Normalise_keeps_the_raw_legal_form_when_none_is_recognised_in_the_name()
    {
        var record = Normaliser.Normalise(EuropeanCluster() with { Name = "Aerospace Cluster Bavaria", LegalForm = " e.V. " }).Record!;

        Assert.That(record.LegalForm, Is.EqualTo(new LegalForm("e.V.", null, "DE")));
    }
}
