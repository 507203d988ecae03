using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>The same records give the same directory whatever order the sources sync in.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class SourceOrderTests(StorageProvider provider)
{
    [Test]
    public async Task The_registry_then_ECCP_and_ECCP_then_the_registry_give_the_same_organisations()
    {
        var forwards = await DirectoryAfterAsync(UsClusterMappingRegistration.SourceId, EccpRegistration.SourceId);
        var backwards = await DirectoryAfterAsync(EccpRegistration.SourceId, UsClusterMappingRegistration.SourceId);

        Assert.That(backwards, Has.Count.EqualTo(forwards.Count));
        Assert.That(backwards, Is.EquivalentTo(forwards));
    }

    /// <summary>Each organisation as its sorted member keys, after syncing the sources in the order given into an empty directory.</summary>
    private async Task<List<string>> DirectoryAfterAsync(params string[] sources)
    {
        await using var host = await SyncHarness.StartAsync(provider);
        foreach (var source in sources)
        {
            var outcome = await host.RunAsync(source);
            Assert.That(outcome.Succeeded, Is.True, $"{source}: {outcome.Error}");
        }

        return [.. (await host.ListOrganisationsAsync()).Select(o => string.Join(" ", SyncHarness.Members(o).Order(StringComparer.Ordinal)))];
    }
}
