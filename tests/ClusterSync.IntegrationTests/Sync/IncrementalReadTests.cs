using System.Globalization;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>ECCP runs after the first ask only for what changed since the last successful run.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class IncrementalReadTests(StorageProvider provider)
{
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(2);

    private SyncHarness _host = null!;

    [SetUp]
    public async Task SyncEccpInFull()
    {
        _host = await SyncHarness.StartAsync(provider, s => s["Sources:Eccp:OverlapWindow"] = "02:00:00");
        var outcome = await _host.RunAsync(EccpRegistration.SourceId);
        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
        _host.Upstreams.ResetRequestLog();
    }

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task The_first_run_keeps_the_newest_change_it_read_as_its_high_water_mark()
    {
        var run = (await _host.RunsAsync(EccpRegistration.SourceId))[0];

        await using var db = _host.Database.Contexts.CreateDbContext();
        var newest = (await db.SourceRecords.AsNoTracking().Where(r => r.Source == EccpRegistration.SourceId).Select(r => r.SourceUpdatedAt).ToListAsync()).Max();
        Assert.That(newest, Is.Not.Null);
        Assert.That(run.GetProperty("highWaterMark").GetDateTimeOffset(), Is.EqualTo(newest));
    }

    [Test]
    public async Task An_incremental_run_asks_for_changes_since_the_high_water_mark_minus_the_overlap_window()
    {
        var mark = (await _host.RunsAsync(EccpRegistration.SourceId))[0].GetProperty("highWaterMark").GetDateTimeOffset();

        var outcome = await _host.RunAsync(EccpRegistration.SourceId, ReadMode.Incremental);

        var queries = _host.Upstreams.EccpQueries();
        var since = (mark - Overlap).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
        Assert.That(queries, Is.Not.Empty);
        Assert.That(queries.Select(q => q.GetValueOrDefault("filter[changed][condition][path]")), Has.All.EqualTo("changed"));
        Assert.That(queries.Select(q => q.GetValueOrDefault("filter[changed][condition][operator]")), Has.All.EqualTo(">="));
        Assert.That(queries.Select(q => q.GetValueOrDefault("filter[changed][condition][value]")), Has.All.EqualTo(since));
    }

    [Test]
    public async Task An_incremental_run_deletes_nothing_it_did_not_read()
    {
        var before = await _host.ListOrganisationsAsync();

        var outcome = await _host.RunAsync(EccpRegistration.SourceId, ReadMode.Incremental);

        var runs = await _host.RunsAsync(EccpRegistration.SourceId);
        Assert.That((outcome.Status, outcome.Gone), Is.EqualTo((SyncRunStatus.Succeeded, 0)));
        Assert.That(outcome.ItemsRead, Is.LessThan(before.Count));
        Assert.That(runs[0].GetProperty("mode").GetString(), Is.EqualTo("incremental"));
        Assert.That(await _host.ListOrganisationsAsync(), Has.Count.EqualTo(before.Count));
    }
}
