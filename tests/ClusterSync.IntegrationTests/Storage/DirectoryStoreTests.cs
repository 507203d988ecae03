using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Storage;

[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public class DirectoryStoreTests(StorageProvider provider)
{
    private TestDatabase _db = null!;
    private DirectoryStore _store = null!;
    private RunStore _runs = null!;
    private SourceRecordStore _records = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await TestDatabase.CreateAsync(provider);
        _store = _db.Services.GetRequiredService<DirectoryStore>();
        _runs = _db.Services.GetRequiredService<RunStore>();
        _records = _db.Services.GetRequiredService<SourceRecordStore>();
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private async Task<long> StartRunAsync(string source) =>
        await _runs.StartRunAsync(source, ReadMode.Full, new SyncRequest(source, Trigger: "test"), CancellationToken.None)
            ?? throw new InvalidOperationException("The run did not start.");

    private static SourceRecord Record(string id, string name) =>
        RecordJson.WithContentHash(new SourceRecord { Source = "test", SourceId = id, Name = name, Address = new PostalAddress(null, null, null, null, "US") });

    /// <summary>Runs the same steps as a sync: detect, reconcile with the identity resolver, publish.</summary>
    private async Task<Reconciliation> PublishAsync(IEntityResolver resolver, DirectoryMembership membership, params SourceRecord[] records)
    {
        var runId = await StartRunAsync("test");
        var state = await _records.LoadSourceStateAsync("test", CancellationToken.None);
        var changes = ChangeDetector.Detect(state.PresentHashes, records, ReadMode.Full);
        var dirty = resolver.Apply([.. changes.Added, .. changes.Changed], [.. changes.GoneSourceIds.Select(id => new SourceRecordKey("test", id))], []);
        var reconciliation = new DirectoryReconciler(Survivorship.Default, DirectoryIds.New).Reconcile(resolver, membership, dirty);
        await _store.PublishAsync(new RunPublication
        {
            RunId = runId,
            Source = "test",
            ItemsRead = records.Length,
            Changes = changes,
            RawPayloads = records.ToDictionary(r => r.SourceId, r => "{\"raw\":\"" + r.SourceId + "\"}"),
            ReappearedIds = changes.Added.Select(r => r.SourceId).Where(state.GoneIds.Contains).ToHashSet(),
            NewQuarantine = [],
            ResolvedQuarantineIds = [],
            QuarantinedInRun = 0,
            Reconciliation = reconciliation,
        }, CancellationToken.None);
        membership.Apply(reconciliation);
        return reconciliation;
    }

    [Test]
    public async Task Migrate_twice_applies_nothing_the_second_time()
    {
        var pending = await _db.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.That(pending, Is.Empty);
    }

    [Test]
    public async Task A_publication_writes_records_organisations_links_events_and_the_run()
    {
        await PublishAsync(new IdentityResolver(), new DirectoryMembership(), Record("1", "Alpha"), Record("2", "Beta"));

        await using var db = _db.Contexts.CreateDbContext();
        Assert.That(await db.SourceRecords.CountAsync(), Is.EqualTo(2));
        Assert.That(await db.Organisations.CountAsync(o => o.Status == OrganisationStatus.Active), Is.EqualTo(2));
        Assert.That(await db.RecordLinks.CountAsync(), Is.EqualTo(2));
        Assert.That(await db.ChangeEvents.CountAsync(e => e.Type == ChangeEventTypes.Created), Is.EqualTo(2));
        var run = await db.SyncRuns.SingleAsync();
        Assert.That((run.Status, run.NewCount, run.OrganisationsChanged), Is.EqualTo((SyncRunStatus.Succeeded, 2, 2)));
    }

    [Test]
    public async Task Change_event_sequences_strictly_increase_in_commit_order()
    {
        var resolver = new IdentityResolver();
        var membership = new DirectoryMembership();
        await PublishAsync(resolver, membership, Record("1", "Alpha"), Record("2", "Beta"));
        await PublishAsync(resolver, membership, Record("1", "Alpha 2"), Record("2", "Beta"), Record("3", "Gamma"));

        await using var db = _db.Contexts.CreateDbContext();
        var events = await db.ChangeEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.That(events.Select(e => e.Sequence), Is.Ordered.Ascending.And.Unique);
        Assert.That(events.Select(e => e.RunId), Is.Ordered.Ascending);
        Assert.That(events.Count(e => e.Type == ChangeEventTypes.Updated), Is.EqualTo(1));
    }

    [Test]
    public async Task A_resync_without_changes_writes_only_its_run()
    {
        var resolver = new IdentityResolver();
        var membership = new DirectoryMembership();
        await PublishAsync(resolver, membership, Record("1", "Alpha"), Record("2", "Beta"));
        var before = await CountRowsAsync();

        var reconciliation = await PublishAsync(resolver, membership, Record("1", "Alpha"), Record("2", "Beta"));

        Assert.That(reconciliation.Organisations, Is.Empty);
        Assert.That(await CountRowsAsync(), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task A_record_missing_from_a_full_listing_deletes_its_organisation_with_a_tombstone()
    {
        var resolver = new IdentityResolver();
        var membership = new DirectoryMembership();
        await PublishAsync(resolver, membership, Record("1", "Alpha"), Record("2", "Beta"));

        await PublishAsync(resolver, membership, Record("1", "Alpha"));

        await using var db = _db.Contexts.CreateDbContext();
        Assert.That(await db.SourceRecords.CountAsync(r => r.GoneInRunId != null), Is.EqualTo(1));
        Assert.That(await db.Organisations.CountAsync(o => o.Status == OrganisationStatus.Deleted), Is.EqualTo(1));
        Assert.That(await db.ChangeEvents.CountAsync(e => e.Type == ChangeEventTypes.Deleted), Is.EqualTo(1));
        Assert.That((await _store.LoadMembershipAsync(CancellationToken.None)).RecordCount, Is.EqualTo(1));
    }

    [Test]
    public async Task A_gone_record_keeps_its_last_link_and_restores_its_organisation_when_it_comes_back_after_a_restart()
    {
        var resolver = new IdentityResolver();
        var membership = new DirectoryMembership();
        var created = await PublishAsync(resolver, membership, Record("1", "Alpha"), Record("2", "Beta"));
        var id = created.Organisations.Single(o => o.Members.Contains(new SourceRecordKey("test", "2"))).Id;
        await PublishAsync(resolver, membership, Record("1", "Alpha"));

        var restarted = await _store.LoadMembershipAsync(CancellationToken.None);
        resolver.Load(await _records.LoadPresentRecordsAsync(CancellationToken.None), []);
        var revival = await PublishAsync(resolver, restarted, Record("1", "Alpha"), Record("2", "Beta"));

        await using var db = _db.Contexts.CreateDbContext();
        Assert.That(revival.Organisations.Select(o => (o.Id, o.EventType, o.Version)), Is.EqualTo(new[] { (id, ChangeEventTypes.Restored, 3L) }));
        Assert.That(await db.Organisations.Where(o => o.Id == id).Select(o => o.Status).SingleAsync(), Is.EqualTo(OrganisationStatus.Active));
        Assert.That(await db.RecordLinks.Where(l => l.SourceId == "2").Select(l => l.OrganisationId).SingleAsync(), Is.EqualTo(id));
        Assert.That(await db.SourceRecords.CountAsync(r => r.GoneInRunId != null), Is.Zero);
    }

    [Test]
    public async Task A_publication_that_fails_midway_leaves_nothing_behind()
    {
        var runId = await StartRunAsync("test");
        var record = Record("1", "Alpha");
        var golden = Survivorship.Default.Build([record]);
        var write = new OrganisationWrite(DirectoryIds.New(), OrganisationStatus.Active, 1, golden, RecordJson.Serialize(golden), "h", [record.Key], ChangeEventTypes.Created, null);
        var publication = new RunPublication
        {
            RunId = runId,
            Source = "test",
            ItemsRead = 1,
            Changes = new ChangeSet([record], [], 0, []),
            RawPayloads = new Dictionary<string, string>(),
            ReappearedIds = new HashSet<string>(),
            NewQuarantine = [],
            ResolvedQuarantineIds = [],
            QuarantinedInRun = 0,
            Reconciliation = new Reconciliation([write, write], [], [], []),
        };

        Assert.That(() => _store.PublishAsync(publication, CancellationToken.None), Throws.Exception);

        await using var db = _db.Contexts.CreateDbContext();
        Assert.That(await db.SourceRecords.CountAsync(), Is.Zero);
        Assert.That(await db.Organisations.CountAsync(), Is.Zero);
        Assert.That(await db.ChangeEvents.CountAsync(), Is.Zero);
        Assert.That((await db.SyncRuns.SingleAsync()).Status, Is.EqualTo(SyncRunStatus.Running));
    }

    [Test]
    public async Task A_run_left_running_by_a_dead_instance_is_marked_abandoned_by_the_next_run()
    {
        var dead = await StartRunAsync("test");
        await using (var db = _db.Contexts.CreateDbContext())
        {
            // As a killed process leaves it: running, on an instance that no longer beats.
            await db.SyncRuns.Where(r => r.Id == dead).ExecuteUpdateAsync(s => s.SetProperty(r => r.InstanceId, "gone-host/1/000000"));
        }

        await StartRunAsync("test");

        await using var check = _db.Contexts.CreateDbContext();
        Assert.That((await check.SyncRuns.SingleAsync(r => r.Id == dead)).Status, Is.EqualTo(SyncRunStatus.Abandoned));
    }

    [Test]
    public async Task A_source_with_a_run_on_a_live_instance_refuses_a_second_run()
    {
        var running = await StartRunAsync("test");

        var conflict = Assert.ThrowsAsync<RunConflictException>(() => StartRunAsync("test"));

        Assert.That(conflict!.RunningRunId, Is.EqualTo(running));
    }

    [Test]
    public async Task Runs_can_be_ordered_and_filtered_by_time_on_every_provider()
    {
        await StartRunAsync("a");
        await Task.Delay(20);
        var second = await StartRunAsync("b");

        await using var db = _db.Contexts.CreateDbContext();
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        var newest = await db.SyncRuns.Where(r => r.StartedAt > since).OrderByDescending(r => r.StartedAt).FirstAsync();
        Assert.That(newest.Id, Is.EqualTo(second));
    }

    [Test]
    public async Task The_same_bad_payload_is_quarantined_once_across_runs()
    {
        for (var i = 0; i < 2; i++)
        {
            var runId = await StartRunAsync("test");
            var state = await _records.LoadSourceStateAsync("test", CancellationToken.None);
            var entry = new QuarantineEntry("9", "{\"broken\":true}", "The record has no name.");
            await _store.PublishAsync(new RunPublication
            {
                RunId = runId,
                Source = "test",
                ItemsRead = 1,
                Changes = new ChangeSet([], [], 0, []),
                RawPayloads = new Dictionary<string, string>(),
                ReappearedIds = new HashSet<string>(),
                NewQuarantine = state.OpenQuarantinePayloadHashes.Contains(entry.PayloadHash) ? [] : [entry],
                ResolvedQuarantineIds = [],
                QuarantinedInRun = 1,
                Reconciliation = Reconciliation.Empty,
            }, CancellationToken.None);
        }

        await using var db = _db.Contexts.CreateDbContext();
        var row = await db.QuarantinedRecords.SingleAsync();
        Assert.That(row.Reason, Is.EqualTo("The record has no name."));
        Assert.That(await db.SyncRuns.CountAsync(r => r.QuarantinedCount == 1), Is.EqualTo(2));
    }

    private async Task<int> CountRowsAsync()
    {
        await using var db = _db.Contexts.CreateDbContext();
        return await db.SourceRecords.CountAsync() + await db.Organisations.CountAsync() + await db.RecordLinks.CountAsync()
            + await db.ChangeEvents.CountAsync() + await db.SyncRuns.CountAsync() + await db.QuarantinedRecords.CountAsync();
    }
}
