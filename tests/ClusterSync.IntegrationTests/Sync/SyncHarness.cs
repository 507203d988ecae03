using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.Host.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sources;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// The real host (in process, over HTTP) on a throwaway database, with both upstreams served by
/// <see cref="RecordedUpstreamServer"/> and short resilience settings. Syncs run through the host's own
/// <see cref="SyncService"/>.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    /// <summary>Registry page size in tests: 145 documents make three pages (0, 50, 100).</summary>
    public const int RegistryPageSize = 50;

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private SyncHarness(TestDatabase database, RecordedUpstreamServer upstreams, IReadOnlyDictionary<string, string?> settings)
    {
        Database = database;
        Upstreams = upstreams;
        _settings = settings;
        App = new ClusterSyncApp(settings, Logs);
        Client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Operator = App.CreateOperatorClient();
    }

    public TestDatabase Database { get; }

    /// <summary>Everything the host logged, through the host's own logging settings (what an operator's console shows).</summary>
    public LogCapture Logs { get; } = new();

    public RecordedUpstreamServer Upstreams { get; }

    /// <summary>The configuration the host was started with.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    public ClusterSyncApp App { get; private set; }

    /// <summary>A client without any key.</summary>
    public HttpClient Client { get; private set; }

    /// <summary>A client with the operator key.</summary>
    public HttpClient Operator { get; private set; }

    public static async Task<SyncHarness> StartAsync(StorageProvider provider, Action<Dictionary<string, string?>>? adjust = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var upstreams = new RecordedUpstreamServer();
        var settings = BaseSettings(database, upstreams);
        adjust?.Invoke(settings);
        return new SyncHarness(database, upstreams, settings);
    }

    /// <summary>Storage, both sources pointed at the upstream server, faults made quick, and no breaker unless a test asks.</summary>
    public static Dictionary<string, string?> BaseSettings(TestDatabase database, RecordedUpstreamServer upstreams)
    {
        var settings = new Dictionary<string, string?>(database.Settings);
        foreach (var (section, address) in new[] { (SourcesHarness.UsSection, upstreams.RegistryAddress), (SourcesHarness.EccpSection, upstreams.EccpAddress) })
        {
            foreach (var (key, value) in SourcesHarness.FastSettings(section, address))
            {
                settings[key] = value;
            }

            settings[$"{section}:Enabled"] = "true";
            settings[$"{section}:MaxRetryAttempts"] = "2";
            settings[$"{section}:TotalTimeout"] = "00:00:10";
            settings[$"{section}:CircuitBreaker:MinimumThroughput"] = "5";
            settings[$"{section}:CircuitBreaker:BreakDuration"] = "00:00:01";
        }

        settings[$"{SourcesHarness.UsSection}:PageSize"] = RegistryPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Tests drive syncs through SyncService; the scheduler stays in standby unless a test starts it. Instances
        // beat often and lapse fast, so that a killed host's runs are abandoned within seconds.
        settings["Scheduling:Enabled"] = "false";
        settings["Instances:HeartbeatInterval"] = "00:00:00.250";
        settings["Instances:LapseAfter"] = "00:00:02";
        settings["Scheduling:ClusterCheckinInterval"] = "00:00:01";
        settings["Scheduling:ClusterCheckinMisfireThreshold"] = "00:00:02";
        return settings;
    }

    /// <summary>Stops the host and starts a new one on the same database and upstreams (its in-memory index rebuilt from the database).</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync();
        App = new ClusterSyncApp(_settings, Logs);
        Client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Operator = App.CreateOperatorClient();
    }

    public SyncService Sync => App.Services.GetRequiredService<SyncService>();

    public Task<SyncOutcome> RunAsync(string source, ReadMode? mode = null, bool confirmDeletions = false, CancellationToken cancellationToken = default) =>
        Sync.RunAsync(new SyncRequest(source, mode, "test", confirmDeletions), cancellationToken);

    /// <summary>Syncs the registry, then ECCP, and fails the test unless both succeed.</summary>
    public async Task RunBothAsync()
    {
        foreach (var source in new[] { UsClusterMappingRegistration.SourceId, EccpRegistration.SourceId })
        {
            var outcome = await RunAsync(source);
            Assert.That(outcome.Succeeded, Is.True, $"{source}: {outcome.Error}");
        }
    }

    public Task<JsonElement> GetJsonAsync(string url) => GetJsonAsync(Client, url);

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The <c>items</c> of the first page of a list endpoint.</summary>
    public static async Task<JsonElement> GetItemsAsync(HttpClient client, string url) =>
        (await GetJsonAsync(client, url)).GetProperty("items");

    /// <summary>Asserts an RFC 9457 problem answer with the given status and stable type.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo(type));
    }

    /// <summary>Every active organisation, paging through <c>/v1/organisations</c>.</summary>
    public Task<List<JsonElement>> ListOrganisationsAsync() => ListOrganisationsAsync(Client);

    /// <summary>Every active organisation a host lists, paging through <c>/v1/organisations</c>.</summary>
    public static async Task<List<JsonElement>> ListOrganisationsAsync(HttpClient client)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync(client, "/v1/organisations?limit=500" + (cursor is null ? "" : "&cursor=" + cursor));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>The active organisation holding a source record, found through the API.</summary>
    public async Task<JsonElement> OrganisationOfAsync(string source, string sourceId)
    {
        var matches = (await ListOrganisationsAsync()).Where(o => Members(o).Contains($"{source}:{sourceId}")).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"organisations holding {source}:{sourceId}");
        return matches[0];
    }

    /// <summary>The <c>source:sourceId</c> keys of an organisation resource's member records.</summary>
    public static List<string> Members(JsonElement organisation) =>
        [.. organisation.GetProperty("organisation").GetProperty("sourceRecords").EnumerateArray()
            .Select(m => $"{m.GetProperty("source").GetString()}:{m.GetProperty("sourceId").GetString()}")];

    /// <summary>The newest runs, newest first, through <c>/v1/ops/runs</c>.</summary>
    public async Task<List<JsonElement>> RunsAsync(string? source = null) =>
        [.. (await GetItemsAsync(Operator, "/v1/ops/runs?limit=500" + (source is null ? "" : "&source=" + source))).EnumerateArray()];

    public Task<DirectorySnapshot> SnapshotAsync() => DirectorySnapshot.TakeAsync(Database.Contexts);

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        Upstreams.Dispose();
        await Database.DisposeAsync();
    }

    private async Task StopAppAsync()
    {
        Client.Dispose();
        Operator.Dispose();
        await App.DisposeAsync();
    }
}
