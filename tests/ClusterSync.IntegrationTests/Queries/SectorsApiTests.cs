using System.Net;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Queries;

/// <summary>The sector crosswalk with counts per side of the Atlantic, common themes, and partner suggestions with reasons.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class SectorsApiTests(StorageProvider provider)
{
    private SyncHarness _host = null!;

    [OneTimeSetUp]
    public async Task ReadTheSyncedDirectory() => _host = await SharedDirectory.GetAsync(provider);

    [Test]
    public async Task Sectors_list_the_three_schemes_with_the_crosswalk_and_common_themes_both_sides_share()
    {
        var sectors = await _host.GetJsonAsync("/v1/sectors");

        var us = sectors.GetProperty("usClusters").EnumerateArray().ToList();
        var ecosystems = sectors.GetProperty("euEcosystems").EnumerateArray().ToList();
        var themes = sectors.GetProperty("commonThemes").EnumerateArray().ToList();
        Assert.That(us, Has.Count.EqualTo(67));
        Assert.That(ecosystems, Has.Count.EqualTo(14));
        Assert.That(sectors.GetProperty("nace2").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(ecosystems.Any(e => e.GetProperty("crosswalk").GetArrayLength() > 0), Is.True);
        Assert.That(themes, Is.Not.Empty);
        Assert.That(themes.All(t => t.GetProperty("us").GetInt32() > 0 && t.GetProperty("europe").GetInt32() > 0), Is.True);
        Assert.That(themes.Select(t => Math.Min(t.GetProperty("us").GetInt32(), t.GetProperty("europe").GetInt32())), Is.Ordered.Descending);
    }

    [Test]
    public async Task Partners_of_a_US_organisation_are_European_ranked_by_score_each_with_reasons()
    {
        var organisation = await _host.OrganisationOfAsync("us-cluster-mapping", "153");
        var id = organisation.GetProperty("id").GetString();

        var partners = (await _host.GetJsonAsync($"/v1/organisations/{id}/partners?limit=20")).GetProperty("partners").EnumerateArray().ToList();

        Assert.That(partners, Is.Not.Empty);
        Assert.That(partners.Select(p => p.GetProperty("country").GetString()), Has.None.EqualTo("US"));
        Assert.That(partners.Select(p => p.GetProperty("score").GetDouble()), Is.Ordered.Descending);
        Assert.That(partners.All(p => p.GetProperty("reasons").GetArrayLength() > 0), Is.True);
    }

    [TestCase("/v1/organisations/cs-0000000000000000000000000a/partners", HttpStatusCode.NotFound, "urn:clustersync:problem:not-found")]
    [TestCase("/v1/organisations/cs-0000000000000000000000000a/partners?limit=0", HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request")]
    public async Task Partners_of_an_unknown_organisation_or_with_a_bad_limit_are_problems(string url, HttpStatusCode status, string type)
    {
        using var response = await _host.Client.GetAsync(url);

        await SyncHarness.AssertProblemAsync(response, status, type);
    }
}
