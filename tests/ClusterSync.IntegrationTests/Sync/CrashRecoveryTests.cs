using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// The built host, run as a child process, is killed while a sync reads a held page; then another process
/// (this one) syncs the same database and upstreams.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class CrashRecoveryTests(StorageProvider provider)
{
    private SyncHarness _host = null!;
    private DirectorySnapshot _beforeKill = null!;
    private DirectorySnapshot _afterKill = null!;
    private List<string> _runningAtKill = null!;
    private SyncOutcome _next = null!;

    [OneTimeSetUp]
    public async Task KillAHostMidSyncThenSyncAgain()
    {
        _host = await SyncHarness.StartAsync(provider);
        var first = await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        Assert.That(first.Succeeded, Is.True, first.Error);
        _host.Upstreams.EditRegistryDocument("445", RecordedUpstreamServer.AddCluster);
        _beforeKill = await _host.SnapshotAsync();
        var held = _host.Upstreams.HoldPage(UsClusterMappingRegistration.SourceId, SyncHarness.RegistryPageSize);

        using (var child = HostProcess.Start(ChildArguments()))
        {
            await child.WaitForAsync(held, TimeSpan.FromSeconds(120), "a request for the held registry page");
            _runningAtKill = await RunStatusesAsync();
            child.Kill();
        }

        _afterKill = await _host.SnapshotAsync();
        _host.Upstreams.Intercept = null;
        // The killed instance's heartbeat lapses (Instances:LapseAfter in the harness) before its run counts as abandoned.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        _next = await _host.RunAsync(UsClusterMappingRegistration.SourceId);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public void A_host_killed_while_it_reads_publishes_nothing_of_its_run()
    {
        Assert.That(_runningAtKill, Is.EqualTo(new[] { SyncRunStatus.Succeeded, SyncRunStatus.Running }));
        _afterKill.AssertUnchangedSince(_beforeKill);
    }

    [Test]
    public async Task The_next_run_marks_the_killed_run_abandoned()
    {
        var runs = await _host.RunsAsync(UsClusterMappingRegistration.SourceId);

        var killed = runs.Single(r => r.GetProperty("id").GetInt64() == _next.RunId - 1);
        Assert.That(killed.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Abandoned));
        Assert.That(killed.GetProperty("error").GetString(), Does.Contain("nothing of it was published"));
    }

    [Test]
    public async Task The_next_run_publishes_what_the_killed_run_did_not_and_the_directory_shows_only_complete_runs()
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        var succeeded = await db.SyncRuns.Where(r => r.Status == SyncRunStatus.Succeeded).Select(r => r.Id).ToListAsync();
        var publishedBy = await db.ChangeEvents.Select(e => e.RunId).Distinct().ToListAsync();

        Assert.That((_next.Status, _next.Changed, _next.OrganisationsChanged), Is.EqualTo((SyncRunStatus.Succeeded, 1, 1)));
        Assert.That(publishedBy, Is.SubsetOf(succeeded));
        Assert.That(publishedBy, Does.Contain(_next.RunId));
    }

    /// <summary>The same database and upstreams as the in-process host; only the registry, synced at start.</summary>
    private IEnumerable<string> ChildArguments()
    {
        var settings = new Dictionary<string, string?>(_host.Settings)
        {
            ["Sources:Eccp:Enabled"] = "false",
            ["Sync:RunOnStartup"] = "true",
            ["Scheduling:Enabled"] = "true",
        };
        return settings.Select(s => $"--{s.Key}={s.Value}");
    }

    private async Task<List<string>> RunStatusesAsync()
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        return await db.SyncRuns.OrderBy(r => r.Id).Select(r => r.Status).ToListAsync();
    }
}
