using System.Net;
using System.Text.Json;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>Later runs against upstreams that stayed the same, changed a record, or lost records.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class ResyncTests(StorageProvider provider)
{
    /// <summary>A registry organisation no other record joins (Ohio Aerospace Institute).</summary>
    private const string Singleton = "445";

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
    public async Task A_second_sync_of_unchanged_upstreams_reports_nothing_new_and_writes_only_its_run_records()
    {
        await _host.RunBothAsync();
        var rowsBefore = await DirectorySnapshot.CountRowsAsync(_host.Database.Contexts);
        var before = await _host.SnapshotAsync();

        var outcomes = new[] { await _host.RunAsync(UsClusterMappingRegistration.SourceId), await _host.RunAsync(EccpRegistration.SourceId) };

        var rowsAfter = await DirectorySnapshot.CountRowsAsync(_host.Database.Contexts);
        rowsBefore["sync_runs"] += outcomes.Length;
        Assert.That(outcomes.Select(o => (o.Status, o.New, o.Changed, o.Gone)), Has.All.EqualTo((SyncRunStatus.Succeeded, 0, 0, 0)));
        Assert.That(rowsAfter, Is.EqualTo(rowsBefore));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Test]
    public async Task A_changed_registry_document_is_reported_changed_and_its_organisation_gets_a_new_version_and_one_updated_event()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var organisation = await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, Singleton);
        var id = organisation.GetProperty("id").GetString()!;
        var lastSequence = await LastSequenceAsync();
        _host.Upstreams.EditRegistryDocument(Singleton, RecordedUpstreamServer.AddCluster);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var events = await EventsAfterAsync(lastSequence);
        var after = await _host.GetJsonAsync($"/v1/organisations/{id}");
        Assert.That((outcome.Status, outcome.New, outcome.Changed, outcome.Gone), Is.EqualTo((SyncRunStatus.Succeeded, 0, 1, 0)));
        Assert.That(after.GetProperty("version").GetInt64(), Is.EqualTo(organisation.GetProperty("version").GetInt64() + 1));
        Assert.That(events.Select(e => (e.OrganisationId, e.Type, e.RunId)), Is.EqualTo(new[] { (id, ChangeEventTypes.Updated, outcome.RunId) }));
    }

    [Test]
    public async Task After_a_restart_a_changed_document_updates_only_its_own_organisation()
    {
        await _host.RunBothAsync();
        var id = (await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, Singleton)).GetProperty("id").GetString();
        var lastSequence = await LastSequenceAsync();
        await _host.RestartAsync();
        _host.Upstreams.EditRegistryDocument(Singleton, RecordedUpstreamServer.AddCluster);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var events = await EventsAfterAsync(lastSequence);
        Assert.That((outcome.Status, outcome.Changed, outcome.OrganisationsChanged), Is.EqualTo((SyncRunStatus.Succeeded, 1, 1)));
        Assert.That(events.Select(e => (e.OrganisationId, e.Type)), Is.EqualTo(new[] { (id, ChangeEventTypes.Updated) }));
    }

    [Test]
    public async Task Change_event_sequences_strictly_increase_from_one_run_to_the_next()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        _host.Upstreams.EditRegistryDocument(Singleton, RecordedUpstreamServer.AddCluster);
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        await _host.RunAsync(EccpRegistration.SourceId);

        var events = await EventsAfterAsync(0);

        Assert.That(events.Select(e => e.RunId).Distinct().Count(), Is.EqualTo(3));
        Assert.That(events.Select(e => e.Sequence), Is.Unique.And.Ordered.Ascending);
        Assert.That(events.Select(e => e.RunId), Is.Ordered.Ascending);
    }

    [Test]
    public async Task A_record_missing_from_a_full_listing_is_gone_with_a_tombstone_and_its_organisation_and_explanation_answer_410()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var id = (await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, Singleton)).GetProperty("id").GetString()!;
        var lastSequence = await LastSequenceAsync();
        _host.Upstreams.RemoveRegistryDocuments([Singleton]);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        using var response = await _host.Client.GetAsync($"/v1/organisations/{id}");
        using var explanation = await _host.Client.GetAsync($"/v1/organisations/{id}/explanation");
        var events = await EventsAfterAsync(lastSequence);
        Assert.That((outcome.Status, outcome.Gone, outcome.Changed, outcome.New), Is.EqualTo((SyncRunStatus.Succeeded, 1, 0, 0)));
        Assert.That(events.Select(e => (e.OrganisationId, e.Type)), Is.EqualTo(new[] { (id, ChangeEventTypes.Deleted) }));
        Assert.That(JsonDocument.Parse(events[0].PayloadJson).RootElement.GetProperty("deleted").GetBoolean(), Is.True);
        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.Gone, "urn:clustersync:problem:gone");
        await SyncHarness.AssertProblemAsync(explanation, HttpStatusCode.Gone, "urn:clustersync:problem:gone");
    }

    [Test]
    public async Task A_record_that_reappears_after_it_was_gone_restores_its_organisation_under_the_same_id_with_a_restored_event()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var deleted = (await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, Singleton)).GetProperty("id").GetString()!;
        _host.Upstreams.RemoveRegistryDocuments([Singleton]);
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        using (var gone = await _host.Client.GetAsync($"/v1/organisations/{deleted}"))
        {
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        }

        var lastSequence = await LastSequenceAsync();
        await _host.RestartAsync();
        _host.Upstreams.RestoreRegistryDocuments([Singleton]);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var revived = await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, Singleton);
        using var again = await _host.Client.GetAsync($"/v1/organisations/{deleted}");
        var events = await EventsAfterAsync(lastSequence);
        Assert.That((outcome.Status, outcome.New, outcome.Gone), Is.EqualTo((SyncRunStatus.Succeeded, 1, 0)));
        Assert.That(revived.GetProperty("id").GetString(), Is.EqualTo(deleted));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events.Select(e => (e.OrganisationId, e.Type, e.Version)), Is.EqualTo(new[] { (deleted, ChangeEventTypes.Restored, 3L) }));
    }

    [Test]
    public async Task A_record_whose_new_version_is_quarantined_is_not_gone_and_keeps_its_organisation()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var id = (await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, Singleton)).GetProperty("id").GetString();
        _host.Upstreams.EditRegistryDocument(Singleton, d => d["label"] = " ");

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var quarantine = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/quarantine?source=us-cluster-mapping");
        using var organisation = await _host.Client.GetAsync($"/v1/organisations/{id}");
        Assert.That((outcome.Status, outcome.Quarantined, outcome.Gone), Is.EqualTo((SyncRunStatus.Succeeded, 1, 0)));
        Assert.That(quarantine.EnumerateArray().Select(q => q.GetProperty("sourceId").GetString()), Is.EqualTo(new[] { Singleton }));
        Assert.That(organisation.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_quarantined_record_read_correctly_again_is_resolved_and_keeps_its_organisation_id()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var id = (await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, Singleton)).GetProperty("id").GetString();
        string? label = null;
        _host.Upstreams.EditRegistryDocument(Singleton, d => (label, d["label"]) = (d["label"]!.GetValue<string>(), " "));
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        _host.Upstreams.EditRegistryDocument(Singleton, d => d["label"] = label);

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var quarantine = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/quarantine?source=us-cluster-mapping&includeResolved=true");
        Assert.That(outcome.Succeeded, Is.True, outcome.Error);
        Assert.That(quarantine.EnumerateArray().Select(q => q.GetProperty("resolvedInRunId").GetInt64()), Is.EqualTo(new[] { outcome.RunId }));
        Assert.That((await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, Singleton)).GetProperty("id").GetString(), Is.EqualTo(id));
    }

    [Test]
    public async Task The_deletion_guard_holds_the_deletions_of_a_listing_that_lost_most_records_and_deletes_nothing()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var before = await _host.SnapshotAsync();
        _host.Upstreams.RemoveRegistryDocuments(_host.Upstreams.RegistryIds.Skip(20));

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId);

        var run = (await _host.RunsAsync(UsClusterMappingRegistration.SourceId))[0];
        Assert.That((outcome.Status, outcome.Gone, outcome.HeldDeletions), Is.EqualTo((SyncRunStatus.Held, 0, 125)));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Held));
        Assert.That(run.GetProperty("heldDeletionCount").GetInt32(), Is.EqualTo(125));
        Assert.That(outcome.Error, Does.StartWith("The listing would delete 125 of 145 records").And.Contain("deletion guard"));
        (await _host.SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Test]
    public async Task Confirmed_deletions_let_a_listing_that_lost_most_records_delete_them()
    {
        await _host.RunAsync(UsClusterMappingRegistration.SourceId);
        var kept = _host.Upstreams.RegistryIds.Take(20).ToList();
        _host.Upstreams.RemoveRegistryDocuments(_host.Upstreams.RegistryIds.Skip(20));

        var outcome = await _host.RunAsync(UsClusterMappingRegistration.SourceId, confirmDeletions: true);

        var members = (await _host.ListOrganisationsAsync()).SelectMany(SyncHarness.Members);
        Assert.That((outcome.Status, outcome.Gone), Is.EqualTo((SyncRunStatus.Succeeded, 125)));
        Assert.That(members, Is.EquivalentTo(kept.Select(FixtureTruth.RegistryKey)));
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        return await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence) ?? 0;
    }

    private async Task<List<ChangeEventRow>> EventsAfterAsync(long sequence)
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        return await db.ChangeEvents.AsNoTracking().Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence).ToListAsync();
    }
}
