using System.Net;
using System.Text.Json;
using ClusterSync.Sources.Recorded.Eccp;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>De-duplication as the sync path publishes it, and the explanations the API gives for it.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class DuplicateResolutionTests(StorageProvider provider)
{
    private const string RochesterLeft = "us-cluster-mapping:153";
    private const string RochesterRight = "us-cluster-mapping:1161";

    /// <summary>Ground-truth duplicates the matching engine does not join yet (a matching-quality gap, not plumbing).</summary>
    private static readonly Dictionary<string, string> KnownMisses = new(StringComparer.Ordinal)
    {
    };

    private SyncHarness _host = null!;
    private List<JsonElement> _organisations = null!;

    [OneTimeSetUp]
    public async Task ReadTheSyncedDirectory()
    {
        _host = await SharedDirectory.GetAsync(provider);
        _organisations = await _host.ListOrganisationsAsync();
    }

    public static IEnumerable<TestCaseData> CrossAtlanticDuplicates() =>
        FixtureTruth.EccpReadable.Where(t => t.UsRegistryOrgIds.Count > 0).Select(t => Case(t, "Cross-Atlantic profile {0} joins its registry organisation"));

    public static IEnumerable<TestCaseData> EccpDuplicates() =>
        FixtureTruth.EccpReadable.Where(t => t.UsRegistryOrgIds.Count == 0).GroupBy(t => t.Entity).Where(g => g.Count() > 1)
            .Select(g => Case(g.First(), "ECCP duplicates of {0} form one organisation"));

    [Test]
    public void Registry_records_153_and_1161_are_one_organisation_holding_both_source_records()
    {
        var holding = _organisations.Where(o => SyncHarness.Members(o).Contains(RochesterLeft)).ToList();

        Assert.That(holding, Has.Count.EqualTo(1));
        Assert.That(SyncHarness.Members(holding[0]), Does.Contain(RochesterRight));
    }

    [TestCaseSource(nameof(CrossAtlanticDuplicates))]
    [TestCaseSource(nameof(EccpDuplicates))]
    public void Records_of_one_real_organisation_share_one_directory_organisation(string entity)
    {
        var expected = FixtureTruth.EntityOf(_host.Upstreams.RegistryIds).Where(e => e.Value == entity).Select(e => e.Key).ToList();

        var holding = _organisations.Where(o => SyncHarness.Members(o).Intersect(expected).Any())
            .Select(o => o.GetProperty("id").GetString()).ToList();
        Assert.That(expected, Has.Count.GreaterThan(1));
        Assert.That(holding, Has.Count.EqualTo(1), $"{entity}: {string.Join(", ", expected)}");
    }

    [Test]
    public void No_organisation_holds_records_of_two_distinct_real_organisations()
    {
        var entityOf = FixtureTruth.EntityOf(_host.Upstreams.RegistryIds);

        var mixed = _organisations
            .Select(o => SyncHarness.Members(o))
            .Where(members => members.Select(m => entityOf[m]).Distinct().Count() > 1)
            .Select(members => string.Join(", ", members.Select(m => $"{m}={entityOf[m]}")));
        Assert.That(_organisations, Has.Count.GreaterThan(FixtureTruth.RegistryDocumentCount));
        Assert.That(mixed, Is.Empty);
    }

    [Test]
    public async Task The_explanation_of_a_merged_organisation_gives_every_link_its_comparison_steps()
    {
        var id = _organisations.Single(o => SyncHarness.Members(o).Contains(RochesterLeft)).GetProperty("id").GetString();

        var explanation = await _host.GetJsonAsync($"/v1/organisations/{id}/explanation");

        var members = explanation.GetProperty("sourceRecords").EnumerateArray().Select(m => m.GetString()).ToList();
        var links = explanation.GetProperty("links").EnumerateArray().ToList();
        Assert.That(members, Does.Contain(RochesterLeft).And.Contain(RochesterRight));
        Assert.That(links, Is.Not.Empty);
        Assert.That(links.Select(l => l.GetProperty("steps").GetArrayLength()), Has.All.GreaterThan(0));
        Assert.That(links.SelectMany(l => new[] { Key(l.GetProperty("left")), Key(l.GetProperty("right")) }).Distinct(), Is.SubsetOf(members));
        Assert.That(explanation.GetProperty("provenance").EnumerateObject().Select(p => p.Name), Does.Contain("name"));
    }

    [Test]
    public async Task A_pair_explanation_adds_its_step_weights_to_the_prior_weight()
    {
        var explanation = await _host.GetJsonAsync($"/v1/match?left={RochesterLeft}&right={RochesterRight}");

        var steps = explanation.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("weight").GetDouble()).ToList();
        Assert.That(steps, Is.Not.Empty);
        Assert.That(explanation.GetProperty("priorWeight").GetDouble() + steps.Sum(), Is.EqualTo(explanation.GetProperty("weight").GetDouble()).Within(1e-9));
        Assert.That(explanation.GetProperty("outcome").GetString(), Is.EqualTo("match"));
    }

    [TestCase("/v1/match?left=153&right=us-cluster-mapping:1161")]
    [TestCase("/v1/match?left=us-cluster-mapping:153")]
    [TestCase("/v1/match?left=us-cluster-mapping:&right=:1161")]
    public async Task A_malformed_record_key_is_a_400_problem(string url)
    {
        using var response = await _host.Client.GetAsync(url);

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }

    [TestCase("/v1/match?left=us-cluster-mapping:153&right=us-cluster-mapping:999999")]
    [TestCase("/v1/match?left=no-such-source:1&right=us-cluster-mapping:153")]
    [TestCase("/v1/organisations/cs-0000000000000000000000000a/explanation")]
    public async Task An_unknown_record_or_organisation_is_a_404_problem(string url)
    {
        using var response = await _host.Client.GetAsync(url);

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.NotFound, "urn:clustersync:problem:not-found");
    }

    private static string Key(JsonElement key) => $"{key.GetProperty("source").GetString()}:{key.GetProperty("sourceId").GetString()}";

    private static TestCaseData Case(EccpGroundTruth truth, string name)
    {
        var data = new TestCaseData(truth.Entity).SetName(string.Format(System.Globalization.CultureInfo.InvariantCulture, name, truth.Entity));
        return KnownMisses.TryGetValue(truth.Entity, out var reason) ? data.Ignore("Matching quality: " + reason) : data;
    }
}
