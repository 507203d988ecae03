using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Records;

public class SchemaTests
{
    private static SourceRecord FullRecord() => RecordJson.WithContentHash(new SourceRecord
    {
        Source = "eccp",
        SourceId = "1234",
        SourceUrl = "https://example.eu/content/cluster",
        Name = "Bavarian Automotive Cluster e.V.",
        Acronym = "BAC",
        AlternateNames = ["Automobilcluster Bayern"],
        LegalForm = new LegalForm("e.V.", "QZ3L", "DE"),
        OrganisationType = "Regional Cluster Initiative",
        Address = new PostalAddress("Hauptstraße 1", "München", "DE21", "80331", "DE"),
        Coordinates = new GeoPoint(48.137, 11.575),
        Phone = "+49891234567",
        Website = "https://bavarian-automotive.de",
        RegistrableDomain = "bavarian-automotive.de",
        EmailDomain = "bavarian-automotive.de",
        Sectors = [new SectorAssignment("us-cluster", "4", "Automotive", 1), new SectorAssignment("nace2", "29.10", null, 1)],
        Members = new MemberCounts(120, 80, 10, 20, 10),
        YearFounded = 2006,
        Labels = ["ESCA Gold"],
        Partnerships = ["ESCP-4i"],
        UpdatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    });

    [Test]
    public void A_complete_record_is_valid()
    {
        Assert.That(SchemaValidation.Errors(FullRecord()), Is.Empty);
    }

    [Test]
    public void A_minimal_record_from_the_normaliser_is_valid()
    {
        var outcome = OrganisationNormaliser.Default.Normalise(new RawOrganisation { Source = "us-cluster-mapping", SourceId = "332", Name = "Space Florida", DefaultCountry = "US" });

        Assert.That(outcome.Record, Is.Not.Null);
        Assert.That(SchemaValidation.Errors(outcome.Record!), Is.Empty);
    }

    [TestCase("{\"schemaVersion\":\"1\",\"source\":\"eccp\",\"sourceId\":\"1\",\"alternateNames\":[],\"sectors\":[],\"labels\":[],\"partnerships\":[],\"contentHash\":\"sha256:00\"}", TestName = "Missing name and a short hash are rejected")]
    [TestCase("{\"schemaVersion\":\"2\"}", TestName = "An unknown schema version is rejected")]
    public void Broken_records_are_rejected(string json)
    {
        Assert.That(SchemaValidation.Errors(json), Is.Not.Empty);
    }

    [Test]
    public void A_record_with_personal_or_unknown_fields_is_rejected()
    {
        var json = RecordJson.Serialize(FullRecord()).Replace("\"name\":", "\"contactName\":\"Jane Doe\",\"name\":", StringComparison.Ordinal);

        Assert.That(SchemaValidation.Errors(json), Has.Some.Contains("contactName"));
    }

    [Test]
    public void A_phone_that_is_not_E164_and_a_lower_case_country_are_rejected()
    {
        var record = FullRecord() with { Phone = "089 123456", Address = new PostalAddress(null, "München", null, null, "de") };

        var errors = SchemaValidation.Errors(record);

        Assert.That(errors, Has.Some.Contains("phone"));
        Assert.That(errors, Has.Some.Contains("country"));
    }

    [Test]
    public void Content_hash_ignores_the_hash_field_and_follows_content()
    {
        var record = FullRecord();

        Assert.That(RecordJson.ComputeContentHash(record), Is.EqualTo(record.ContentHash));
        Assert.That(RecordJson.ComputeContentHash(record with { YearFounded = 2007 }), Is.Not.EqualTo(record.ContentHash));
    }

    [Test]
    public void Records_round_trip_through_json()
    {
        var record = FullRecord();

        var back = RecordJson.Deserialize(RecordJson.Serialize(record));

        Assert.That(RecordJson.Serialize(back), Is.EqualTo(RecordJson.Serialize(record)));
    }
}
