using System.Text.Json;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Queries;

/// <summary>Keyset cursors stay valid when a publication lands between two pages.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class CursorAcrossPublicationTests(StorageProvider provider)
{
    private SyncHarness _host = null!;

    [SetUp]
    public async Task Start() => _host = await SyncHarness.StartAsync(provider);

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [TestCase("id")]
    [TestCase("name")]
    public async Task A_publication_between_two_pages_neither_repeats_nor_skips_an_organisation(string sort)
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var before = (await _host.ListOrganisationsAsync()).Select(IdOf).ToHashSet();
        var first = await _host.GetJsonAsync($"/v1/organisations?limit=40&sort={sort}");
        var seen = first.GetProperty("items").EnumerateArray().Select(IdOf).ToList();
        var cursor = first.GetProperty("nextCursor").GetString();

        var outcome = await _host.RunAsync(EccpRegistration.SourceId);
        while (cursor is not null)
        {
            var page = await _host.GetJsonAsync($"/v1/organisations?limit=40&sort={sort}&cursor={cursor}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(IdOf));
            cursor = page.GetProperty("nextCursor").GetString();
        }

        var after = (await _host.ListOrganisationsAsync()).Select(IdOf).ToHashSet();
        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
        Assert.That(after.Except(before), Is.Not.Empty, "the publication added organisations");
        Assert.That(seen, Is.Unique);
        Assert.That(before.Intersect(after).Except(seen), Is.Empty, "organisations present before and after that no page listed");
    }

    private static string IdOf(JsonElement organisation) => organisation.GetProperty("id").GetString()!;
}
