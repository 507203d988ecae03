using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// The offline path a new user takes: the built host started with <c>--Replay:Enabled=true</c> in an empty
/// working folder serves the recorded registry to itself, syncs it at start-up and lists the result.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class OfflineReplayTests(StorageProvider provider)
{
    private DirectoryInfo? _folder;
    private TestDatabase? _database;
    private RunningHost? _child;
    private JsonElement _run;
    private List<JsonElement> _organisations = null!;

    [OneTimeSetUp]
    public async Task StartTheHostInReplay()
    {
        _folder = Directory.CreateTempSubdirectory("clustersync-replay-");
        var args = new List<string> { "--Replay:Enabled=true" };
        if (provider == StorageProvider.Postgres)
        {
            _database = await TestDatabase.CreateAsync(provider, migrate: false);
            args.AddRange(_database.Settings.Select(s => $"--{s.Key}={s.Value}"));
        }

        _child = HostProcess.Start(args, _folder.FullName);
        await _child.WaitUntilAsync(async client => (await RegistryRunAsync(client)) is { } run && !SyncRunStatus.Unfinished.Contains(run.GetProperty("status").GetString()),
            TimeSpan.FromSeconds(120), "a finished start-up sync of the registry");
        _run = (await RegistryRunAsync(_child.Client))!.Value;
        _organisations = await SyncHarness.ListOrganisationsAsync(_child.Client);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _child?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _folder?.Delete(recursive: true);
    }

    [Test]
    public void The_start_up_sync_of_the_recorded_registry_succeeds()
    {
        Assert.That(_run.GetProperty("status").GetString(), Is.EqualTo(SyncRunStatus.Succeeded), _run.GetProperty("error").ToString());
        Assert.That(_run.GetProperty("itemsRead").GetInt32(), Is.EqualTo(FixtureTruth.RegistryDocumentCount));
        if (provider == StorageProvider.Sqlite)
        {
            Assert.That(File.Exists(Path.Combine(_folder!.FullName, "data", "clustersync.db")), Is.True, "the SQLite file lives under the working folder");
        }
    }

    [Test]
    public void Every_registry_record_is_a_source_record_of_exactly_one_listed_organisation()
    {
        var members = _organisations.SelectMany(SyncHarness.Members).ToList();

        var registry = FixtureTruth.RegistryIds.Select(FixtureTruth.RegistryKey);
        Assert.That(members, Is.Unique);
        Assert.That(members, Is.EquivalentTo(registry));
    }

    [Test]
    public void The_registry_duplicates_153_and_1161_are_listed_as_one_organisation()
    {
        var holding = _organisations.Where(o => SyncHarness.Members(o).Intersect([FixtureTruth.RegistryKey("153"), FixtureTruth.RegistryKey("1161")]).Any());

        Assert.That(holding.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_directory_lists_as_many_organisations_as_the_registry_has_distinct_ones()
    {
        var page = await SyncHarness.GetJsonAsync(_child!.Client, "/v1/organisations?limit=1");

        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(FixtureTruth.DistinctRegistryOrganisations(FixtureTruth.RegistryIds)));
    }

    private static async Task<JsonElement?> RegistryRunAsync(HttpClient client)
    {
        var runs = await SyncHarness.GetItemsAsync(client, "/v1/ops/runs?source=" + UsClusterMappingRegistration.SourceId);
        return runs.GetArrayLength() > 0 ? runs[0] : null;
    }
}
