using System.Net;
using System.Net.Http.Json;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Operations;

/// <summary>A trigger where no scheduler would take the run is a 503 problem, and queues nothing that would wait for ever.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class TriggerWithoutSchedulerTests(StorageProvider provider)
{
    [Test]
    public async Task Triggering_with_the_scheduler_disabled_is_a_503_problem_and_queues_no_run()
    {
        await using var host = await SyncHarness.StartAsync(provider, s => s["Sources:Eccp:Enabled"] = "false");

        using var response = await host.Operator.PostAsJsonAsync($"/v1/ops/sources/{UsClusterMappingRegistration.SourceId}/runs", new { mode = "full" });

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "urn:clustersync:problem:scheduler-unavailable");
        Assert.That(await host.RunsAsync(), Is.Empty);
        // The CLI's path still works: a sync in this process.
        var outcome = await host.RunAsync(UsClusterMappingRegistration.SourceId);
        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
    }
}
