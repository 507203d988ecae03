using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Publication;

public class SurvivorshipTests
{
    /// <summary>The order the host ships in its settings.</summary>
    private static readonly Survivorship EccpFirst = new(new SurvivorshipPolicy { SourcePriority = ["eccp", "us-cluster-mapping"] });

    private static SourceRecord Us() => new()
    {
        Source = "us-cluster-mapping",
        SourceId = "153",
        Name = "Rochester Regional Photonics Cluster",
        Address = new PostalAddress(null, "Rochester", "NY", null, "US"),
        Sectors = [new SectorAssignment("us-cluster", "23", null, 1)],
        UpdatedAt = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Phone = "+15855550100",
    };

    private static SourceRecord Eccp() => new()
    {
        Source = "eccp",
        SourceId = "77",
        Name = "Rochester Regional Photonics Cluster Inc.",
        Acronym = "RRPC",
        Address = new PostalAddress("100 Main St", "Rochester", "NY", "14604", "US"),
        Sectors = [new SectorAssignment("us-cluster", "23", null, 0.5), new SectorAssignment("eu-ecosystem", "Digital", null, 1)],
        UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Phone = "+15855550199",
    };

    [Test]
    public void Source_priority_decides_the_name_and_provenance_says_so()
    {
        var golden = EccpFirst.Build([Us(), Eccp()]);

        Assert.That(golden.Name, Is.EqualTo("Rochester Regional Photonics Cluster Inc."));
        Assert.That(golden.Provenance["name"], Is.EqualTo(new FieldProvenance(SurvivorshipRules.SourcePriority, "eccp", "77")));
    }

    [Test]
    public void The_most_complete_address_wins()
    {
        var golden = EccpFirst.Build([Us(), Eccp() with { Source = "zz-other" }]);

        Assert.That(golden.Address!.Street, Is.EqualTo("100 Main St"));
        Assert.That(golden.Provenance["address"].Rule, Is.EqualTo(SurvivorshipRules.MostComplete));
    }

    [Test]
    public void The_most_recent_phone_wins()
    {
        var golden = EccpFirst.Build([Us(), Eccp()]);

        Assert.That(golden.Phone, Is.EqualTo("+15855550199"));
        Assert.That(golden.Provenance["phone"].Rule, Is.EqualTo(SurvivorshipRules.MostRecent));
    }

    [Test]
    public void Sectors_are_a_union_keeping_the_highest_weight_with_every_contributor()
    {
        var golden = EccpFirst.Build([Us(), Eccp()]);

        Assert.That(golden.Sectors.Select(s => (s.Scheme, s.Code, s.Weight)),
            Is.EqualTo(new[] { ("eu-ecosystem", "Digital", 1.0), ("us-cluster", "23", 1.0) }));
        Assert.That(golden.Provenance["sectors"].Contributors, Is.EquivalentTo(new[] { "eccp:77", "us-cluster-mapping:153" }));
    }

    [Test]
    public void Every_set_field_has_provenance()
    {
        var golden = EccpFirst.Build([Us(), Eccp()]);
        var json = System.Text.Json.JsonDocument.Parse(RecordJson.Serialize(golden)).RootElement;

        var fields = json.EnumerateObject()
            .Where(p => p.Name is not ("sourceRecords" or "provenance") && p.Value.ValueKind != System.Text.Json.JsonValueKind.Null)
            .Where(p => p.Value.ValueKind != System.Text.Json.JsonValueKind.Array || p.Value.GetArrayLength() > 0)
            .Select(p => p.Name);

        Assert.That(golden.Provenance.Keys, Is.SupersetOf(fields));
    }

    [Test]
    public void A_configured_rule_overrides_the_default()
    {
        var policy = new SurvivorshipPolicy { FieldRules = { ["name"] = SurvivorshipRules.MostRecent }, SourcePriority = ["us-cluster-mapping"] };

        var golden = new Survivorship(policy).Build([Us(), Eccp()]);

        Assert.That(golden.Name, Is.EqualTo("Rochester Regional Photonics Cluster Inc."));
        Assert.That(golden.Provenance["name"].Rule, Is.EqualTo(SurvivorshipRules.MostRecent));
    }

    [Test]
    public void By_default_no_source_is_preferred()
    {
        Assert.That(new SurvivorshipPolicy().SourcePriority, Is.Empty);
    }

    [Test]
    public void Member_order_does_not_change_the_result()
    {
        var a = RecordJson.Serialize(EccpFirst.Build([Us(), Eccp()]));
        var b = RecordJson.Serialize(EccpFirst.Build([Eccp(), Us()]));

        Assert.That(a, Is.EqualTo(b));
    }
}
