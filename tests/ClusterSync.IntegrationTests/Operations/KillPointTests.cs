using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Operations;

/// <summary>
/// The built host, as a child process, is killed (kill -9) at every point of a sync, again and again, and asked to stop
/// (SIGTERM) in the middle of one: never a partly published run, and the next run always completes.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class KillPointTests(StorageProvider provider)
{
    private const string Registry = UsClusterMappingRegistration.SourceId;
    private const int Kills = 12;

    private SyncHarness _host = null!;
    private DirectoryInfo _folder = null!;

    [SetUp]
    public async Task SyncOnce()
    {
        _host = await SyncHarness.StartAsync(provider, s => s["Sources:Eccp:Enabled"] = "false");
        var first = await _host.RunAsync(Registry);
        Assert.That(first.Succeeded, Is.True, first.Error);
        _folder = Directory.CreateTempSubdirectory("clustersync-kill-");
    }

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folder?.Delete(recursive: true);
    }

    [Test]
    public async Task Killing_a_sync_at_any_point_publishes_nothing_of_it_and_the_next_run_completes()
    {
        var edited = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var point = SyncProbePoints.All[kill % SyncProbePoints.All.Count];
            // Something to publish each time: one more registry record changes.
            _host.Upstreams.EditRegistryDocument(_host.Upstreams.RegistryIds[edited++], RecordedUpstreamServer.AddCluster);
            var before = await _host.SnapshotAsync();

            using (var child = HostProcess.Start(ChildArguments(("Diagnostics:PauseSyncAt", point)), _folder.FullName))
            {
                await child.WaitForOutputAsync("sync paused at " + point, TimeSpan.FromSeconds(120));
                child.Kill();
            }

            (await _host.SnapshotAsync()).AssertUnchangedSince(before);
            await AssertHistoryAgreesWithDirectoryAsync();
            // The killed instance's heartbeat lapses before the next start can take the source.
            await Task.Delay(TimeSpan.FromSeconds(2.2));
        }

        var next = await _host.RunAsync(Registry);
        Assert.That((next.Status, next.Changed), Is.EqualTo((SyncRunStatus.Succeeded, edited)), next.Error);
        await AssertHistoryAgreesWithDirectoryAsync();
    }

    [Test]
    public async Task SIGTERM_during_a_sync_ends_the_process_within_30_seconds_publishing_nothing_and_the_run_is_cancelled()
    {
        _host.Upstreams.EditRegistryDocument("445", RecordedUpstreamServer.AddCluster);
        var before = await _host.SnapshotAsync();
        var held = _host.Upstreams.HoldPage(Registry, SyncHarness.RegistryPageSize);
        using var child = HostProcess.Start(ChildArguments(), _folder.FullName);
        await child.WaitForAsync(held, TimeSpan.FromSeconds(60), "a request for the held registry page");

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        child.Terminate();
        var exited = child.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.That(exited, Is.True, $"still running {stopping.Elapsed} after SIGTERM\n{child.Output}");
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
        var latest = (await _host.RunsAsync(Registry))[0];
        Assert.That(latest.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Cancelled), child.Output);
    }

    /// <summary>Every change event and every organisation's last write belong to a run that was published.</summary>
    private async Task AssertHistoryAgreesWithDirectoryAsync()
    {
        string[] published = [SyncRunStatus.Succeeded, SyncRunStatus.Held, SyncRunStatus.Partial];
        await using var db = _host.Database.Contexts.CreateDbContext();
        var publishedRuns = await db.SyncRuns.Where(r => published.Contains(r.Status)).Select(r => r.Id).ToListAsync();
        var eventRuns = await db.ChangeEvents.Select(e => e.RunId).Distinct().ToListAsync();
        var organisationRuns = await db.Organisations.Select(o => o.UpdatedInRunId).Distinct().ToListAsync();
        var recordRuns = await db.SourceRecords.Select(r => r.LastChangedRunId).Distinct().ToListAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(eventRuns, Is.SubsetOf(publishedRuns), "change events of an unpublished run");
            Assert.That(organisationRuns, Is.SubsetOf(publishedRuns), "organisations written by an unpublished run");
            Assert.That(recordRuns, Is.SubsetOf(publishedRuns), "source records written by an unpublished run");
        }
    }

    /// <summary>The harness's database and upstreams; the registry synced once at start through the scheduler.</summary>
    private IEnumerable<string> ChildArguments(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(_host.Settings)
        {
            ["Sync:RunOnStartup"] = "true",
            ["Scheduling:Enabled"] = "true",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings.Select(s => $"--{s.Key}={s.Value}");
    }
}
