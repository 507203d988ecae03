using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClusterSync.Sources.Recorded.UsClusterMapping;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class RecordedUsClusterMappingTests
{
    /// <summary>SHA-256 of the registry export as published (see the README beside the recorded files).</summary>
    private const string PublishedCsvSha256 = "431069a18ef40d6500eff05ac071f6007998995ebc3673a7bf05edd8e568b4c9";

    private const string ResourcePrefix = "ClusterSync.Sources.Recorded.UsClusterMapping.";

    [Test]
    public void The_embedded_registry_csv_is_a_byte_exact_copy_with_bare_CR_line_endings()
    {
        var bytes = Resource("CurrentOrganizationsAndClusters.csv");

        Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(PublishedCsvSha256));
        Assert.That(bytes, Does.Contain((byte)'\r'));
        Assert.That(bytes, Does.Not.Contain((byte)'\n'));
    }

    [Test]
    public void The_csv_becomes_one_document_per_organisation()
    {
        var ids = Documents().Select(d => d.GetProperty("entity_id").GetInt64()).ToList();

        Assert.That(ids, Has.Count.EqualTo(145).And.Unique);
        Assert.That(RecordedUsClusterMapping.OrganisationCount, Is.EqualTo(145));
    }

    [Test]
    public void Organisations_153_and_1161_share_a_name_and_stay_two_documents()
    {
        var twins = Documents().Where(d => d.GetProperty("entity_id").GetInt64() is 153 or 1161).ToList();

        Assert.That(twins.Select(d => d.GetProperty("label").GetString()).Distinct(), Is.EqualTo(new[] { "Rochester Regional Photonics Cluster" }));
        Assert.That(twins, Has.Count.EqualTo(2));
    }

    [Test]
    public void Repeated_rows_collapse_into_one_document_with_every_distinct_cluster()
    {
        var spaceCoast = Documents().Single(d => d.GetProperty("entity_id").GetInt64() == 1606);

        Assert.That(Clusters(spaceCoast), Is.EqualTo(new[] { "1", "6", "13", "14", "27", "112", "113", "116", "105", "104" }));
    }

    [Test]
    public void The_cluster_codes_match_the_deduplicated_pairs_derived_from_the_same_csv()
    {
        var expected = Encoding.UTF8.GetString(Resource("registry_org_clusters.dedup.csv"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => (Id: line[..line.IndexOf(',', StringComparison.Ordinal)], Code: line[(line.LastIndexOf(',') + 1)..].Trim()))
            .ToHashSet();

        var actual = Documents()
            .SelectMany(d => Clusters(d).Select(code => (Id: d.GetProperty("entity_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Code: code)))
            .ToHashSet();

        Assert.That(actual, Is.EquivalentTo(expected));
    }

    [Test]
    public void A_page_with_exactly_one_document_is_a_bare_object()
    {
        var response = RecordedUsClusterMapping.Respond("/content/organization?start=144&limit=10")!;

        Assert.That(JsonDocument.Parse(response.Body).RootElement.GetProperty("entity_id").GetInt64(), Is.EqualTo(2493));
    }

    [TestCase("/content/organization?start=0&limit=10", 10)]
    [TestCase("/data/content/organization?start=140&limit=10", 5)]
    [TestCase("/content/organization?start=145&limit=10", 0)]
    [TestCase("/content/organization", 145)]
    [TestCase("/content/event", 0)]
    public void Registry_pages_are_cut_by_start_and_limit(string pathAndQuery, int expected)
    {
        var root = JsonDocument.Parse(RecordedUsClusterMapping.Respond(pathAndQuery)!.Body).RootElement;

        Assert.That(root.GetArrayLength(), Is.EqualTo(expected));
    }

    [Test]
    public void A_start_that_is_not_a_number_is_refused()
    {
        Assert.That(RecordedUsClusterMapping.Respond("/content/organization?start=abc")!.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public void Unrecorded_routes_have_no_answer()
    {
        Assert.That(RecordedUsClusterMapping.Respond("/cluster/1/2016/state/01"), Is.Null);
    }

    internal static byte[] Resource(string name)
    {
        using var stream = typeof(RecordedUsClusterMapping).Assembly.GetManifestResourceStream(ResourcePrefix + name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<JsonElement> Documents() =>
        [.. RecordedUsClusterMapping.OrganisationDocuments.Select(d => JsonDocument.Parse(d).RootElement.Clone())];

    private static IEnumerable<string> Clusters(JsonElement document) =>
        document.GetProperty("tm_field_clusters")[0].GetString()!.Split(' ').Select(c => c["clusterData/".Length..]);
}
