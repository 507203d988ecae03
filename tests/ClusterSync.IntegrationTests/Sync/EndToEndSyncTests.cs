using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// Three syncs of both upstreams through the host: a full one; the same again, which writes only its run records; and
/// one after the registry changed a document and lost another, which publishes exactly that change and that deletion.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class EndToEndSyncTests(StorageProvider provider)
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
    public async Task Full_then_the_same_again_then_a_changed_upstream_publish_everything_then_nothing_then_exactly_the_changes()
    {
        var first = await SyncBothAsync();
        var rowsAfterFirst = await DirectorySnapshot.CountRowsAsync(_host.Database.Contexts);
        var snapshotAfterFirst = await _host.SnapshotAsync();

        var second = await SyncBothAsync();
        var rowsAfterSecond = await DirectorySnapshot.CountRowsAsync(_host.Database.Contexts);
        (await _host.SnapshotAsync()).AssertUnchangedSince(snapshotAfterFirst);

        var (changed, removed) = RegistryOrganisationsOfTheirOwn();
        var changedId = (await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, changed)).GetProperty("id").GetString()!;
        var removedId = (await _host.OrganisationOfAsync(UsClusterMappingRegistration.SourceId, removed)).GetProperty("id").GetString()!;
        var lastSequence = await LastSequenceAsync();
        _host.Upstreams.EditRegistryDocument(changed, RecordedUpstreamServer.AddCluster);
        _host.Upstreams.RemoveRegistryDocuments([removed]);

        var third = await SyncBothAsync();

        var events = await EventsAfterAsync(lastSequence);
        Assert.That(first.Select(o => (o.Source, o.Status, o.Gone)), Is.EqualTo(new[]
        {
            (UsClusterMappingRegistration.SourceId, SyncRunStatus.Succeeded, 0), (EccpRegistration.SourceId, SyncRunStatus.Succeeded, 0),
        }));
        Assert.That(first.Select(o => o.New), Is.EqualTo(new[] { FixtureTruth.RegistryDocumentCount, FixtureTruth.EccpReadable.Count() }));
        Assert.That(second.Select(o => (o.Status, o.New, o.Changed, o.Gone, o.OrganisationsChanged)), Has.All.EqualTo((SyncRunStatus.Succeeded, 0, 0, 0, 0)));
        rowsAfterFirst["sync_runs"] += 2;
        Assert.That(rowsAfterSecond, Is.EqualTo(rowsAfterFirst), "the same again writes only its run records");
        Assert.That(third.Select(o => (o.Source, o.Status, o.New, o.Changed, o.Gone)), Is.EqualTo(new[]
        {
            (UsClusterMappingRegistration.SourceId, SyncRunStatus.Succeeded, 0, 1, 1), (EccpRegistration.SourceId, SyncRunStatus.Succeeded, 0, 0, 0),
        }));
        Assert.That(events.Select(e => (e.OrganisationId, e.Type, e.RunId)), Is.EquivalentTo(new[]
        {
            (changedId, ChangeEventTypes.Updated, third[0].RunId), (removedId, ChangeEventTypes.Deleted, third[0].RunId),
        }));
    }

    [Test]
    public async Task An_ECCP_page_that_stays_empty_while_linking_onward_deletes_nothing_and_the_next_complete_run_keeps_every_id()
    {
        await SyncBothAsync();
        var before = (await _host.ListOrganisationsAsync()).Select(o => o.GetProperty("id").GetString()).ToList();
        var next = _host.Upstreams.EccpAddress + "jsonapi/node/cluster_organisation?page%5Blimit%5D=50&sort=changed%2Cdrupal_internal__nid"
            + "&include=field_ecosystems%2Cfield_sectors&page%5Boffset%5D=150";
        _host.Upstreams.Intercept = page => Task.FromResult<WireMock.IResponseMessage?>(page.Source == EccpRegistration.SourceId && page.Offset == 100
            ? Sources.SourcesHarness.Json(200, Sources.JsonApiPages.Page(next), Sources.EccpTestServer.JsonApi)
            : null);

        var partial = await _host.RunAsync(EccpRegistration.SourceId, ReadMode.Full);
        _host.Upstreams.Intercept = null;
        var complete = await _host.RunAsync(EccpRegistration.SourceId, ReadMode.Full);

        var after = (await _host.ListOrganisationsAsync()).Select(o => o.GetProperty("id").GetString()).ToList();
        Assert.That((partial.Status, partial.Gone, partial.ItemsRead), Is.EqualTo((SyncRunStatus.Partial, 0, ClusterSync.Sources.Recorded.Eccp.RecordedEccp.ResourceCount - 50)));
        Assert.That(partial.Error, Does.Contain("page 3 (").And.Contain("listed no resource although it links to a next page, still after 3 attempt(s)"));
        Assert.That((complete.Status, complete.New, complete.Changed, complete.Gone), Is.EqualTo((SyncRunStatus.Succeeded, 0, 0, 0)));
        Assert.That(after, Is.EquivalentTo(before));
    }

    private async Task<List<SyncOutcome>> SyncBothAsync()
    {
        var outcomes = new List<SyncOutcome>();
        foreach (var source in new[] { UsClusterMappingRegistration.SourceId, EccpRegistration.SourceId })
        {
            outcomes.Add(await _host.RunAsync(source, ReadMode.Full));
        }

        return outcomes;
    }

    /// <summary>Two registry documents no ECCP profile duplicates (each its own organisation).</summary>
    private (string Changed, string Removed) RegistryOrganisationsOfTheirOwn()
    {
        var duplicated = FixtureTruth.EccpReadable.SelectMany(t => t.UsRegistryOrgIds).ToHashSet(StringComparer.Ordinal);
        var own = _host.Upstreams.RegistryIds.Where(id => !duplicated.Contains(id)).ToList();
        return (own[0], own[^1]);
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        return await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence) ?? 0;
    }

    private async Task<List<(string OrganisationId, string Type, long RunId)>> EventsAfterAsync(long sequence)
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        var rows = await db.ChangeEvents.AsNoTracking().Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence)
            .Select(e => new { e.OrganisationId, e.Type, e.RunId }).ToListAsync();
        return [.. rows.Select(r => (r.OrganisationId, r.Type, r.RunId))];
    }
}
