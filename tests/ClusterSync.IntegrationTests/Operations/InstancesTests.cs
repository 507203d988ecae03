using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Operations;

/// <summary>Several real host processes on one PostgreSQL: the schedule fires each sync once, and a dead instance's sync is completed by another.</summary>
[NonParallelizable]
public sealed class InstancesTests
{
    private const string Registry = UsClusterMappingRegistration.SourceId;

    private TestDatabase _database = null!;
    private RecordedUpstreamServer _upstreams = null!;
    private readonly List<RunningHost> _hosts = [];

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        _upstreams = new RecordedUpstreamServer();
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _hosts.Clear();
        _upstreams?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Two_instances_on_one_schedule_run_each_firing_exactly_once()
    {
        StartInstances(2, schedule: "0/4 * * * * ?");

        var runs = await WaitForRunsAsync(r => r.Trigger == "schedule" && !SyncRunStatus.Unfinished.Contains(r.Status), 6, TimeSpan.FromSeconds(60));

        var firings = runs.GroupBy(r => r.RequestedBy).ToList();
        Assert.That(firings, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(firings.Where(f => f.Count() > 1).Select(f => f.Key), Is.Empty, "a firing ran twice");
        Assert.That(runs.Select(r => r.Status), Is.All.EqualTo(SyncRunStatus.Succeeded));
        var instances = await SyncHarness.GetJsonAsync(_hosts[0].Client, "/v1/ops/instances");
        Assert.That(instances.GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task When_the_instance_running_a_sync_is_killed_another_completes_it()
    {
        StartInstances(2, schedule: "0 0 4 1 1 ? 2099");
        foreach (var host in _hosts)
        {
            await host.WaitUntilAsync(async c => (await c.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "ready");
        }

        var held = _upstreams.HoldPage(Registry, SyncHarness.RegistryPageSize);
        using var trigger = await _hosts[0].Client.PostAsJsonAsync("/v1/ops/sources/us-cluster-mapping/runs", new { });
        Assert.That(trigger.IsSuccessStatusCode, Is.True, await trigger.Content.ReadAsStringAsync());
        var killedRunId = (await trigger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await held.WaitAsync(TimeSpan.FromSeconds(60));
        var runner = await RunOfAsync(killedRunId);
        var (dead, survivor) = ProcessOf(runner.InstanceId!) == _hosts[0].ProcessId ? (_hosts[0], _hosts[1]) : (_hosts[1], _hosts[0]);

        dead.Kill();
        _upstreams.Intercept = null;

        var recovered = await WaitForRunsAsync(r => r.Trigger == "recovery" && !SyncRunStatus.Unfinished.Contains(r.Status), 1, TimeSpan.FromSeconds(90), survivor);
        Assert.That(recovered.Single().Status, Is.EqualTo(SyncRunStatus.Succeeded), survivor.Output);
        Assert.That(ProcessOf(recovered.Single().InstanceId!), Is.EqualTo(survivor.ProcessId));
        Assert.That((await RunOfAsync(killedRunId, survivor)).Status, Is.EqualTo(SyncRunStatus.Abandoned));
        var page = await SyncHarness.GetJsonAsync(survivor.Client, "/v1/organisations?limit=1");
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(FixtureTruth.DistinctRegistryOrganisations(FixtureTruth.RegistryIds)));
    }

    private void StartInstances(int count, string schedule)
    {
        var settings = new Dictionary<string, string?>(SyncHarness.BaseSettings(_database, _upstreams))
        {
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:ClusterCheckinInterval"] = "00:00:01",
            ["Scheduling:ClusterCheckinMisfireThreshold"] = "00:00:02",
            ["Sources:Eccp:Enabled"] = "false",
            ["Sources:UsClusterMapping:Schedule"] = schedule,
        };
        for (var i = 0; i < count; i++)
        {
            _hosts.Add(HostProcess.Start(settings.Select(s => $"--{s.Key}={s.Value}")));
        }
    }

    private async Task<List<RunRow>> WaitForRunsAsync(Func<RunRow, bool> wanted, int count, TimeSpan timeout, RunningHost? host = null)
    {
        var client = (host ?? _hosts[0]).Client;
        var deadline = DateTime.UtcNow + timeout;
        List<RunRow> runs = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var items = await SyncHarness.GetItemsAsync(client, "/v1/ops/runs?limit=500&source=" + Registry);
                runs = [.. items.EnumerateArray().Select(RunRow.From).Where(wanted)];
                if (runs.Count >= count)
                {
                    return runs;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or AssertionException)
            {
                // Not serving yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Only {runs.Count} of {count} runs.\n{string.Join("\n", _hosts.Select(h => h.Output))}");
        return runs;
    }

    private async Task<RunRow> RunOfAsync(long runId, RunningHost? host = null) =>
        RunRow.From((await SyncHarness.GetJsonAsync((host ?? _hosts[0]).Client, $"/v1/ops/runs/{runId}")).GetProperty("run"));

    /// <summary>The process id in an instance id (<c>host/pid/random</c>).</summary>
    private static int ProcessOf(string instanceId) => int.Parse(instanceId.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);

    private sealed record RunRow(long Id, string? Status, string? Trigger, string? RequestedBy, string? InstanceId)
    {
        public static RunRow From(JsonElement run) => new(
            run.GetProperty("id").GetInt64(),
            run.GetProperty("status").GetString(),
            run.GetProperty("trigger").GetString(),
            run.GetProperty("requestedBy").GetString(),
            run.GetProperty("instanceId").GetString());
    }
}
