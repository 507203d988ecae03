using System.Net;
using System.Text.Json.Nodes;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// Quarantine is for what identity needs; any other field that cannot be read is left out, and the record is stored
/// with a warning operators find beside the quarantine (<c>/v1/quarantine?kind=warning</c>).
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class TolerantReadingTests(StorageProvider provider)
{
    private const string Registry = UsClusterMappingRegistration.SourceId;

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
    public async Task Registry_records_whose_ds_changed_comes_as_Unix_seconds_or_as_ISO_8601_are_stored_with_that_change_stamp()
    {
        _host.Upstreams.EditRegistryDocument("445", d => d["ds_changed"] = 1436000103);
        _host.Upstreams.EditRegistryDocument("332", d => d["ds_changed"] = "2015-07-04T08:55:03Z");

        var outcome = await _host.RunAsync(Registry);

        await using var db = _host.Database.Contexts.CreateDbContext();
        var stamps = await db.SourceRecords.AsNoTracking().Where(r => r.Source == Registry && (r.SourceId == "445" || r.SourceId == "332"))
            .Select(r => r.SourceUpdatedAt).ToListAsync();
        Assert.That((outcome.Status, outcome.Quarantined), Is.EqualTo((SyncRunStatus.Succeeded, 0)));
        Assert.That(stamps, Is.EqualTo(new DateTimeOffset?[] { new DateTimeOffset(2015, 7, 4, 8, 55, 3, TimeSpan.Zero), new DateTimeOffset(2015, 7, 4, 8, 55, 3, TimeSpan.Zero) }));
    }

    [Test]
    public async Task A_registry_record_with_an_unreadable_optional_field_is_stored_without_it_and_its_warning_is_listed_for_operators()
    {
        _host.Upstreams.EditRegistryDocument("445", d => d["address_locality_s"] = new JsonObject { ["city"] = "Cleveland" });

        var outcome = await _host.RunAsync(Registry);

        var warnings = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/quarantine?kind=warning&source=us-cluster-mapping");
        var quarantine = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/quarantine?source=us-cluster-mapping");
        var organisation = await _host.OrganisationOfAsync(Registry, "445");
        Assert.That((outcome.Status, outcome.Quarantined), Is.EqualTo((SyncRunStatus.Succeeded, 0)));
        Assert.That(quarantine.GetArrayLength(), Is.Zero);
        Assert.That(warnings.EnumerateArray().Select(w => (w.GetProperty("sourceId").GetString(), w.GetProperty("warnings")[0].GetString())),
            Is.EqualTo(new[] { ("445", "field 'address_locality_s' is an object ({\"city\":\"Cleveland\"}), not text") }));
        Assert.That(organisation.GetProperty("organisation").TryGetProperty("address", out var address) && address.TryGetProperty("locality", out _), Is.False);
    }

    [Test]
    public async Task A_record_whose_name_cannot_be_read_is_quarantined_with_a_reason_in_plain_words_naming_the_field_and_value()
    {
        _host.Upstreams.EditRegistryDocument("445", d => d["label"] = new JsonObject { ["value"] = "Ohio Aerospace Institute" });

        var outcome = await _host.RunAsync(Registry);

        var quarantine = await SyncHarness.GetItemsAsync(_host.Operator, "/v1/ops/quarantine?source=us-cluster-mapping");
        var row = quarantine.EnumerateArray().Single();
        Assert.That((outcome.Status, outcome.Quarantined), Is.EqualTo((SyncRunStatus.Succeeded, 1)));
        Assert.That((row.GetProperty("sourceId").GetString(), row.GetProperty("reason").GetString()), Is.EqualTo(("445",
            "Field 'name' is missing. Fields that could not be read: field 'label' is an object ({\"value\":\"Ohio Aerospace Institute\"}), not text.")));
    }

    [Test]
    public async Task An_unknown_kind_of_quarantine_listing_is_a_400_problem()
    {
        using var response = await _host.Operator.GetAsync("/v1/ops/quarantine?kind=everything");

        await SyncHarness.AssertProblemAsync(response, HttpStatusCode.BadRequest, "urn:clustersync:problem:invalid-request");
    }
}
