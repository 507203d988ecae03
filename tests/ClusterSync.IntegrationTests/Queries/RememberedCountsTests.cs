using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Queries;

/// <summary>Facet counts and totals are remembered per publication: the next publication's are never the previous one's.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class RememberedCountsTests(StorageProvider provider)
{
    private SyncHarness _host = null!;

    [SetUp]
    public async Task Start() => _host = await SyncHarness.StartAsync(provider);

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public async Task Facets_and_totals_asked_again_after_a_publication_count_what_it_published()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var facetsBefore = await SourceCountsAsync();
        var totalBefore = (await _host.GetJsonAsync("/v1/organisations?limit=1")).GetProperty("total").GetInt32();
        // Asked twice for one publication: the second answer is the remembered one, and the same.
        Assert.That(await SourceCountsAsync(), Is.EqualTo(facetsBefore));
        Assert.That((await _host.GetJsonAsync("/v1/organisations?limit=1")).GetProperty("total").GetInt32(), Is.EqualTo(totalBefore));

        var outcome = await _host.RunAsync(EccpRegistration.SourceId);
        Assert.That(outcome.Succeeded, Is.True, outcome.Error);

        var facetsAfter = await SourceCountsAsync();
        var totalAfter = (await _host.GetJsonAsync("/v1/organisations?limit=1")).GetProperty("total").GetInt32();
        Assert.That(facetsBefore.ContainsKey(EccpRegistration.SourceId), Is.False);
        Assert.That(facetsAfter.GetValueOrDefault(EccpRegistration.SourceId), Is.GreaterThan(0));
        Assert.That(totalAfter, Is.GreaterThan(totalBefore));
        Assert.That(totalAfter, Is.EqualTo((await _host.ListOrganisationsAsync()).Count));
    }

    private async Task<Dictionary<string, int>> SourceCountsAsync()
    {
        var facets = await _host.GetJsonAsync("/v1/organisations/facets");
        return facets.GetProperty("facets").GetProperty("source").EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt32());
    }
}
