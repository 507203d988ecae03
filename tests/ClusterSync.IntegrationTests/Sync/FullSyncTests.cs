using System.Text.Json;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.Recorded.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;
using NJsonSchema;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>A first full sync of both recorded upstreams through the real host, checked against what the fixtures truly hold.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class FullSyncTests(StorageProvider provider)
{
    /// <summary>What the quarantine reason of each designed fault must name.</summary>
    private static readonly Dictionary<string, string> FaultNamedBy = new(StringComparer.Ordinal)
    {
        ["no-title"] = "'name'",
        ["unknown-country"] = "Atlantis",
        ["attributes-not-an-object"] = "attributes",
        ["title-not-a-string"] = "title",
        ["address-not-an-object"] = "field_address",
        ["no-id"] = "no JSON:API id",
    };

    private SyncHarness _host = null!;

    [OneTimeSetUp]
    public async Task SyncBothUpstreams() => _host = await SharedDirectory.GetAsync(provider);

    [Test]
    public async Task Every_registry_document_lands_in_the_source_record_store()
    {
        var stored = await StoredIdsAsync(UsClusterMappingRegistration.SourceId);

        Assert.That(stored, Has.Count.EqualTo(FixtureTruth.RegistryDocumentCount));
        Assert.That(stored, Is.EquivalentTo(_host.Upstreams.RegistryIds));
    }

    [Test]
    public async Task Every_readable_ECCP_resource_lands_in_the_source_record_store()
    {
        var stored = await StoredIdsAsync(EccpRegistration.SourceId);

        Assert.That(stored, Is.EquivalentTo(FixtureTruth.EccpReadable.Select(t => FixtureTruth.Text(t.Nid))));
    }

    [Test]
    public async Task Every_faulty_ECCP_resource_is_quarantined_once_with_a_reason_naming_its_fault()
    {
        var quarantine = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/quarantine?source=eccp");

        var rows = quarantine.EnumerateArray().ToList();
        var faulty = FixtureTruth.EccpFaulty.ToList();
        var reasons = faulty.Select(t => (t.Case, Reasons: rows.Where(r => Identifies(r, t.Nid, t.Uuid)).Select(r => r.GetProperty("reason").GetString()!).ToList()));
        Assert.That(rows, Has.Count.EqualTo(faulty.Count));
        Assert.That(reasons, Has.All.Matches<(string Case, List<string> Reasons)>(
            r => r.Reasons.Count == 1 && r.Reasons[0].Contains(FaultNamedBy[r.Case], StringComparison.Ordinal)));
    }

    [Test]
    public async Task No_registry_document_is_quarantined()
    {
        var quarantine = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/quarantine?source=us-cluster-mapping");

        Assert.That(quarantine.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Each_first_run_reports_what_it_read_stored_and_quarantined()
    {
        var runs = await _host.RunsAsync();

        var summary = runs.Select(r => (
            r.GetProperty("source").GetString(), r.GetProperty("status").GetString(), r.GetProperty("itemsRead").GetInt32(),
            r.GetProperty("newCount").GetInt32(), r.GetProperty("quarantinedCount").GetInt32()));
        Assert.That(summary, Is.EquivalentTo(new[]
        {
            (UsClusterMappingRegistration.SourceId, "succeeded", FixtureTruth.RegistryDocumentCount, FixtureTruth.RegistryDocumentCount, 0),
            (EccpRegistration.SourceId, "succeeded", RecordedEccp.ResourceCount, FixtureTruth.EccpReadable.Count(), FixtureTruth.EccpFaulty.Count()),
        }));
    }

    [Test]
    public async Task Every_stored_normalised_record_validates_against_the_v1_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts", "schema", "organisation.v1.schema.json"));
        await using var db = _host.Database.Contexts.CreateDbContext();
        var records = await db.SourceRecords.AsNoTracking().Select(r => new { r.Source, r.SourceId, r.NormalisedJson }).ToListAsync();

        var invalid = records
            .Select(r => (Key: $"{r.Source}:{r.SourceId}", Errors: schema.Validate(r.NormalisedJson)))
            .Where(r => r.Errors.Count > 0)
            .Select(r => $"{r.Key}: {string.Join("; ", r.Errors)}");
        Assert.That(records, Has.Count.EqualTo(FixtureTruth.RegistryDocumentCount + FixtureTruth.EccpReadable.Count()));
        Assert.That(invalid, Is.Empty);
    }

    [Test]
    public async Task No_stored_record_organisation_or_event_contains_the_fixtures_personal_data()
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        var texts = new List<string>();
        texts.AddRange(await db.SourceRecords.AsNoTracking().Select(r => r.NormalisedJson).ToListAsync());
        texts.AddRange(await db.Organisations.AsNoTracking().Select(o => o.GoldenJson).ToListAsync());
        texts.AddRange(await db.ChangeEvents.AsNoTracking().Select(e => e.PayloadJson).ToListAsync());
        texts.AddRange((await _host.ListOrganisationsAsync()).Select(o => o.GetRawText()));

        var leaks = texts.Where(t => FixtureTruth.PersonalData.Any(p => t.Contains(p, StringComparison.OrdinalIgnoreCase)));
        Assert.That(texts, Is.Not.Empty);
        Assert.That(leaks, Is.Empty);
    }

    private async Task<List<string>> StoredIdsAsync(string source)
    {
        await using var db = _host.Database.Contexts.CreateDbContext();
        return await db.SourceRecords.AsNoTracking().Where(r => r.Source == source && r.GoneInRunId == null).Select(r => r.SourceId).ToListAsync();
    }

    /// <summary>A quarantined row names the resource by node id or uuid; one without any id carries its node id in the payload.</summary>
    private static bool Identifies(JsonElement row, long nid, string uuid)
    {
        var id = row.GetProperty("sourceId").GetString();
        return id == FixtureTruth.Text(nid) || (uuid.Length > 0 && id == uuid)
            || (id is null && row.GetProperty("rawPayload").GetString()!.Contains($"\"drupal_internal__nid\":{nid}", StringComparison.Ordinal));
    }
}
