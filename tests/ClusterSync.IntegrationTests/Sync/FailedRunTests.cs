using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;
using WireMock;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// Runs that end early. An upstream that fails after the first page leaves an incomplete listing: the run publishes
/// what it read as a partial run and deletes nothing. An upstream that fails on the first page, a cancellation and a
/// failing publication publish nothing of the run.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class FailedRunTests(StorageProvider provider)
{
    /// <summary>A registry document on the first page (start=0), read before any later page fails.</summary>
    private const string FirstPageDocument = "445";

    private SyncHarness _host = null!;

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_first_page_that_keeps_failing_ends_the_run_failed_naming_the_upstream_and_publishes_nothing()
    {
        _host = await SyncHarness.StartAsync(provider);
        var before = await SyncRegistryThenChangeItAsync();
        _host.Upstreams.Intercept = page => Answer(page.Offset == 0 ? RecordedUpstreamServer.Status(500) : null);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var run = (await _host.RunsAsync(UsClusterMappingRegistration.SourceId))[0];
        Assert.That(outcome.Status, Is.EqualTo(SyncRunStatus.Failed));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Failed));
        Assert.That(run.GetProperty("error").GetString(), Does.StartWith("us-cluster-mapping: ").And.Contain("start=0").And.Contain("HTTP 500"));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Test]
    public async Task A_later_page_that_keeps_failing_ends_the_run_partial_publishing_what_was_read_and_deleting_nothing()
    {
        _host = await SyncHarness.StartAsync(provider);
        var before = await SyncRegistryThenChangeItAsync();
        _host.Upstreams.Intercept = page => Answer(page.Offset == SyncHarness.RegistryPageSize ? RecordedUpstreamServer.Status(500) : null);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var runs = await _host.RunsAsync(UsClusterMappingRegistration.SourceId);
        await using var db = _host.Database.Contexts.CreateDbContext();
        Assert.That((outcome.Status, outcome.Changed, outcome.Gone), Is.EqualTo((SyncRunStatus.Partial, 1, 0)));
        Assert.That(runs[0].GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Partial));
        Assert.That(runs[0].GetProperty("error").GetString(), Does.StartWith("us-cluster-mapping: the listing is incomplete: ")
            .And.Contain("start=50").And.Contain("HTTP 500"));
        Assert.That(runs[0].GetProperty("highWaterMark").GetRawText(), Is.EqualTo(runs[1].GetProperty("highWaterMark").GetRawText()));
        Assert.That(await db.SourceRecords.CountAsync(r => r.GoneInRunId != null), Is.Zero);
        Assert.That(await db.SourceRecords.CountAsync(), Is.EqualTo(before.SourceRecords.Count));
        Assert.That(await db.ChangeEvents.Where(e => e.RunId == outcome.RunId).Select(e => e.Type).ToListAsync(), Is.EqualTo(new[] { ChangeEventTypes.Updated }));
    }

    [Test]
    public async Task An_open_circuit_breaker_on_a_later_page_ends_the_run_partial_naming_the_upstream_and_deletes_nothing()
    {
        // The first run's eight successful pages stay in the sampling window, so the ratio is low enough for the
        // first failure of page 2 to open the circuit; the retries then meet an open circuit.
        _host = await SyncHarness.StartAsync(provider, settings =>
        {
            settings["Sources:Eccp:MaxRetryAttempts"] = "5";
            settings["Sources:Eccp:CircuitBreaker:MinimumThroughput"] = "2";
            settings["Sources:Eccp:CircuitBreaker:FailureRatio"] = "0.1";
            settings["Sources:Eccp:CircuitBreaker:SamplingDuration"] = "00:00:30";
            settings["Sources:Eccp:CircuitBreaker:BreakDuration"] = "00:00:30";
        });
        await _host.RunAsync(EccpRegistration.SourceId);
        var before = await _host.SnapshotAsync();
        _host.Upstreams.Intercept = page => Answer(page.Offset == 50 ? RecordedUpstreamServer.Status(503) : null);

        var outcome = await _host.RunAsync(EccpRegistration.SourceId);

        Assert.That((outcome.Status, outcome.Gone), Is.EqualTo((SyncRunStatus.Partial, 0)));
        Assert.That(outcome.Error, Does.StartWith("eccp: the listing is incomplete: the read stopped: page 2 ").And.Contain("circuit breaker is open"));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Test]
    public async Task Cancelling_a_sync_while_it_reads_publishes_nothing_and_records_the_run_as_cancelled()
    {
        _host = await SyncHarness.StartAsync(provider);
        var before = await SyncRegistryThenChangeItAsync();
        var held = _host.Upstreams.HoldPage(UsClusterMappingRegistration.SourceId, SyncHarness.RegistryPageSize);
        using var cancellation = new CancellationTokenSource();

        var run = _host.RunAsync(UsClusterMappingRegistration.SourceId, cancellationToken: cancellation.Token);
        await held.WaitAsync(TimeSpan.FromSeconds(20));
        await cancellation.CancelAsync();

        Assert.That((await run).Status, Is.EqualTo(SyncRunStatus.Cancelled));
        var latest = (await _host.RunsAsync(UsClusterMappingRegistration.SourceId))[0];
        Assert.That(latest.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Cancelled));
        Assert.That(latest.GetProperty("error").GetString(), Does.Contain("Cancelled"));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Test]
    public async Task A_publication_that_fails_inside_its_transaction_publishes_nothing()
    {
        _host = await SyncHarness.StartAsync(provider);
        var before = await SyncRegistryThenChangeItAsync();
        await ChangeEventInsertsAsync(fail: true);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        Assert.That(outcome.Status, Is.EqualTo(SyncRunStatus.Failed));
        Assert.That(outcome.Error, Does.Contain("change events are refused"));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Test]
    public async Task The_run_after_a_failed_publication_publishes_what_the_failed_one_did_not()
    {
        _host = await SyncHarness.StartAsync(provider);
        await SyncRegistryThenChangeItAsync();
        var version = (await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, FirstPageDocument)).GetProperty("version").GetInt64();
        await ChangeEventInsertsAsync(fail: true);
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        await ChangeEventInsertsAsync(fail: false);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var organisation = await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, FirstPageDocument);
        Assert.That((outcome.Status, outcome.Changed, outcome.OrganisationsChanged), Is.EqualTo((SyncRunStatus.Succeeded, 1, 1)));
        Assert.That(organisation.GetProperty("version").GetInt64(), Is.EqualTo(version + 1));
    }

    /// <summary>A first full registry sync, then a change on the first page that a second run would publish.</summary>
    private async Task<DirectorySnapshot> SyncRegistryThenChangeItAsync()
    {
        var first = await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        Assert.That(first.Succeeded, Is.True, first.Error);
        _host.Upstreams.EditRegistryDocument(FirstPageDocument, RecordedUpstreamServer.AddCluster);
        return await _host.SnapshotAsync();
    }

    /// <summary>Makes the database refuse (or accept again) new change events: the last rows a publication writes.</summary>
    private async Task ChangeEventInsertsAsync(bool fail)
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        var sql = (provider, fail) switch
        {
            (StorageProvider.Sqlite, true) =>
                ["CREATE TRIGGER refuse_events BEFORE INSERT ON change_events BEGIN SELECT RAISE(ABORT, 'change events are refused'); END;"],
            (StorageProvider.Sqlite, false) => ["DROP TRIGGER refuse_events;"],
            (_, true) => new[]
            {
                "CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'change events are refused'; END $$;",
                "CREATE TRIGGER refuse_events BEFORE INSERT ON change_events FOR EACH ROW EXECUTE FUNCTION refuse_events();",
            },
            _ => ["DROP TRIGGER refuse_events ON change_events;", "DROP FUNCTION refuse_events();"],
        };
        foreach (var statement in sql)
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }
    }

    private static Task<IResponseMessage?> Answer(IResponseMessage? response) => Task.FromResult(response);
}
