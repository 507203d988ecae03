using ClusterSync.Core.Normalisation.Sectors;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class SectorNormaliserTests
{
    private static readonly SectorNormaliser Sectors = SectorNormaliser.Default;

    private static IEnumerable<string> AllEcosystems => EcosystemCrosswalk.Default.Ecosystems;

    [TestCase("1", "1")]
    [TestCase("01", "1")]
    [TestCase(" 045 ", "45")]
    [TestCase("116", "116")]
    public void UsCluster_codes_are_kept_in_canonical_form_with_weight_one(string code, string expected)
    {
        var result = Sectors.Normalise([new RawSector("us-cluster", code)]);

        Assert.That(result, Is.EqualTo(new[] { new SectorAssignment(SectorSchemes.UsCluster, expected, UsBenchmarkClusters.Default.NameOf(expected), 1.0) }));
    }

    [Test]
    public void UsCluster_knows_the_67_benchmark_clusters()
    {
        var codes = UsBenchmarkClusters.Default.Codes;

        Assert.That(codes, Has.Count.EqualTo(67));
    }

    [Test]
    public void Naics_code_brings_the_cluster_that_owns_it()
    {
        var result = Sectors.Normalise([new RawSector("naics2012", "336411")]);

        Assert.That(result, Is.EqualTo(new[]
        {
            new SectorAssignment(SectorSchemes.Naics2012, "336411", "Aircraft Manufacturing", 1.0),
            new SectorAssignment(SectorSchemes.UsCluster, "1", "Aerospace Vehicles and Defense", 1.0),
        }));
    }

    [Test]
    public void Naics_code_outside_the_benchmark_is_kept_alone()
    {
        var result = Sectors.Normalise([new RawSector("naics2012", "921110", "Executive Offices")]);

        Assert.That(result, Is.EqualTo(new[] { new SectorAssignment(SectorSchemes.Naics2012, "921110", "Executive Offices", 1.0) }));
    }

    [TestCase("62.01")]
    [TestCase("6201")]
    [TestCase("J62.01")]
    [TestCase("J 62.01")]
    public void Nace_class_is_kept_in_canonical_form_with_derived_clusters(string code)
    {
        var result = Sectors.Normalise([new RawSector("nace2", code)]);

        Assert.That(result, Is.EqualTo(new[]
        {
            new SectorAssignment(SectorSchemes.Nace2, "62.01", null, 1.0),
            new SectorAssignment(SectorSchemes.UsCluster, "6", "Business Services", NaceCrosswalk.MaximumWeight),
        }));
    }

    [Test]
    public void Nace_class_with_shared_links_weights_clusters_by_their_share()
    {
        var result = Sectors.Normalise([new RawSector("nace2", "64.19")]);

        Assert.That(result.Select(s => (s.Code, s.Weight)), Is.EqualTo(new[] { ("64.19", 1.0), ("16", 0.6), ("107", 0.4) }));
    }

    [Test]
    public void Nace_class_keeps_its_leading_zero()
    {
        var result = Sectors.Normalise([new RawSector("nace2", "1.11")]);

        Assert.That(result.Select(s => s.Code), Is.EqualTo(new[] { "01.11" }));
    }

    [Test]
    public void Nace_division_maps_to_the_average_over_its_classes()
    {
        // Division 64 has 7 classes; Financial Services (16) holds shares 1, 0.6, 0.4, 1, 1, 1 of them,
        // Business Services (6) all of 64.20, Local Financial Services (107) 0.4 of 64.19.
        var result = Sectors.Normalise([new RawSector("nace2", "K64")]);

        Assert.That(result.Select(s => (s.Code, s.Weight)), Is.EqualTo(new[]
        {
            ("64", 1.0), ("16", Math.Round(5.0 / 7, 4)), ("6", Math.Round(1.0 / 7, 4)), ("107", Math.Round(0.4 / 7, 4)),
        }));
    }

    [Test]
    public void Nace_division_code_is_kept_with_weight_one()
    {
        var result = Sectors.Normalise([new RawSector("nace2", "62")]);

        Assert.That(result[0], Is.EqualTo(new SectorAssignment(SectorSchemes.Nace2, "62", null, 1.0)));
    }

    [Test]
    public void Nace_class_outside_the_benchmark_keeps_only_the_nace_code()
    {
        var result = Sectors.Normalise([new RawSector("nace2", "01.11", "Growing of cereals")]);

        Assert.That(result, Is.EqualTo(new[] { new SectorAssignment(SectorSchemes.Nace2, "01.11", "Growing of cereals", 1.0) }));
    }

    [TestCase("Aerospace and Defence", "Aerospace and Defence")]
    [TestCase("AEROSPACE & DEFENCE", "Aerospace and Defence")]
    [TestCase("Agrifood", "Agri-food")]
    [TestCase("Renewable Energy", "Energy-Renewables")]
    [TestCase("electronics", "Electronics")]
    [TestCase("Textiles", "Textiles")]
    [TestCase("Mobility-Transport-Automotive", "Mobility, Transport, Automotive")]
    public void Ecosystem_names_and_variants_resolve_to_the_canonical_name(string name, string expected)
    {
        var ecosystem = EcosystemCrosswalk.Default.Normalise(name);

        Assert.That(ecosystem, Is.EqualTo(expected));
    }

    [Test]
    public void Ecosystem_list_has_the_14_ecosystems()
    {
        var ecosystems = EcosystemCrosswalk.Default.Ecosystems;

        Assert.That(ecosystems, Has.Count.EqualTo(14).And.Unique);
    }

    [TestCaseSource(nameof(AllEcosystems))]
    public void Every_ecosystem_maps_to_at_least_one_us_cluster_below_weight_one(string ecosystem)
    {
        var clusters = Sectors.Normalise([new RawSector("eu-ecosystem", ecosystem)])
            .Where(s => s.Scheme == SectorSchemes.UsCluster)
            .ToList();

        Assert.That(clusters, Is.Not.Empty);
        Assert.That(clusters.Select(c => c.Weight), Is.All.GreaterThan(0.0).And.All.LessThan(1.0));
    }

    [Test]
    public void Ecosystem_seed_mapping_for_mobility_is_kept()
    {
        var clusters = EcosystemCrosswalk.Default.CandidatesOf("Mobility, Transport, Automotive").Select(c => c.ClusterCode);

        Assert.That(clusters, Is.EquivalentTo(new[] { "4", "44", "45", "50" }));
    }

    [Test]
    public void Duplicates_are_merged_keeping_the_highest_weight()
    {
        var result = Sectors.Normalise([new RawSector("nace2", "64.19"), new RawSector("us-cluster", "16"), new RawSector("nace2", "J64.19")]);

        Assert.That(result.Select(s => (s.Scheme, s.Code, s.Weight)), Is.EqualTo(new[]
        {
            (SectorSchemes.Nace2, "64.19", 1.0),
            (SectorSchemes.UsCluster, "16", 1.0),
            (SectorSchemes.UsCluster, "107", 0.4),
        }));
    }

    [Test]
    public void Assignments_are_ordered_by_scheme_then_weight_then_code()
    {
        var result = Sectors.Normalise([new RawSector("us-cluster", "5"), new RawSector("eu-ecosystem", "Health"), new RawSector("naics2012", "336411")]);

        Assert.That(result.Select(s => $"{s.Scheme}:{s.Code}"), Is.EqualTo(new[]
        {
            "eu-ecosystem:Health", "naics2012:336411", "us-cluster:1", "us-cluster:5", "us-cluster:30", "us-cluster:103",
        }));
    }

    [TestCase("us-cluster", "99")]
    [TestCase("us-cluster", "abc")]
    [TestCase("naics2012", "3364")]
    [TestCase("naics2012", "33641X")]
    [TestCase("nace2", "99.99")]
    [TestCase("nace2", "J")]
    [TestCase("nace2", "62.011")]
    [TestCase("eu-ecosystem", "Space Tourism")]
    [TestCase("sic", "3721")]
    public void Unknown_codes_and_schemes_are_dropped(string scheme, string code)
    {
        var result = Sectors.Normalise([new RawSector(scheme, code)]);

        Assert.That(result, Is.Empty);
    }
}
