using ClusterSync.Core.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>Runs of one source asked for at the same time (start-up sync and an operator, say) in one host.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ConcurrentRunTests(StorageProvider provider)
{
    private SyncHarness _host = null!;

    [SetUp]
    public async Task Start() => _host = await SyncHarness.StartAsync(provider);

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task Two_runs_of_one_source_started_together_run_one_after_the_other_and_both_succeed()
    {
        var first = _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var second = _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var outcomes = (await Task.WhenAll(first, second)).OrderBy(o => o.RunId).ToList();

        var statuses = (await _host.RunsAsync(UsClusterMappingRegistration.SourceId)).Select(r => r.GetProperty("status").GetString());
        Assert.That(outcomes.Select(o => (o.Status, o.New, o.Unchanged)), Is.EqualTo(new[]
        {
            (SyncRunStatus.Succeeded, FixtureTruth.RegistryDocumentCount, 0),
            (SyncRunStatus.Succeeded, 0, FixtureTruth.RegistryDocumentCount),
        }));
        Assert.That(statuses, Has.All.EqualTo(SyncRunStatus.Succeeded));
    }
}
