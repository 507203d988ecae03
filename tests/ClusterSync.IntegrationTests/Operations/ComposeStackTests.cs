using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sources;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ClusterSync.IntegrationTests.Operations;

/// <summary>
/// The Compose stack without a container engine: <c>deploy/compose.yaml</c> is read as Compose reads it (anchors merged,
/// <c>${VAR:-default}</c> substituted), and its <c>migrate</c> service and two instances run as host processes with the
/// environment it gives them. Only what a container network provides is replaced: the database's and the upstream's
/// addresses. The instances then keep the directory current on their own schedule, each firing once.
/// </summary>
[NonParallelizable]
public sealed partial class ComposeStackTests
{
    private const string Registry = UsClusterMappingRegistration.SourceId;
    private const string EveryThreeSeconds = "0/3 * * * * ?";

    private TestDatabase _database = null!;
    private RecordedUpstreamServer _upstreams = null!;
    private readonly List<RunningHost> _hosts = [];

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(StorageProvider.Postgres, migrate: false);
        _upstreams = new RecordedUpstreamServer();
    }

    [TearDown]
    public async Task Stop()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _upstreams?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task The_compose_instances_migrate_then_sync_on_their_shared_schedule_each_firing_once()
    {
        var compose = ComposeFile.Read(Path.Combine(TestContext.CurrentContext.TestDirectory, "deploy", "compose.yaml"),
            new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "secret", ["US_CLUSTER_MAPPING_SCHEDULE"] = EveryThreeSeconds });
        Assert.That(compose.Services.Count(s => s.StartsWith("clustersync-", StringComparison.Ordinal)), Is.EqualTo(2));

        var migrate = compose.Service("migrate");
        var (code, stdout, stderr) = await HostProcess.RunAsync([.. migrate.Command, .. Arguments(migrate.Environment)], timeout: TimeSpan.FromSeconds(120));
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("applied"));

        foreach (var name in new[] { "clustersync-1", "clustersync-2" })
        {
            var instance = compose.Service(name);
            Assert.That(instance.Environment["Storage__MigrateOnStartup"], Is.EqualTo("false"), "only migrate changes the schema");
            _hosts.Add(HostProcess.Start(Arguments(instance.Environment)));
        }

        var runs = await WaitForScheduledRunsAsync(3, TimeSpan.FromSeconds(90));

        Assert.That(runs.GroupBy(r => r.GetProperty("requestedBy").GetString()).Where(f => f.Count() > 1).Select(f => f.Key), Is.Empty,
            "a firing ran twice");
        Assert.That(runs.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo(SyncRunStatus.Succeeded));
        Assert.That(runs.Select(r => r.GetProperty("instanceId").GetString()).Distinct().Count(), Is.LessThanOrEqualTo(2));
        var sources = await SyncHarness.GetJsonAsync(_hosts[1].Client, "/v1/ops/sources");
        var schedule = sources.EnumerateArray().Single(s => s.GetProperty("source").GetString() == Registry).GetProperty("schedule");
        Assert.That((schedule.GetProperty("cron").GetString(), schedule.GetProperty("persisted").GetBoolean()), Is.EqualTo((EveryThreeSeconds, true)));
        Assert.That((await SyncHarness.GetJsonAsync(_hosts[0].Client, "/v1/ops/instances")).GetArrayLength(), Is.EqualTo(2));
    }

    /// <summary>
    /// The service's environment as settings, with the container network's addresses replaced: the test database for
    /// <c>postgres</c>, the recorded registry for the internet, and no collector.
    /// </summary>
    private IEnumerable<string> Arguments(IReadOnlyDictionary<string, string> environment)
    {
        var settings = environment.Where(e => e.Key != "OTEL_EXPORTER_OTLP_ENDPOINT")
            .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => e.Value);
        Assert.That(settings["ConnectionStrings:ClusterSync"], Does.StartWith("Host=postgres;"));
        settings["ConnectionStrings:ClusterSync"] = _database.ConnectionString;
        foreach (var (key, value) in SourcesHarness.FastSettings(SourcesHarness.UsSection, _upstreams.RegistryAddress))
        {
            settings[key] = value!;
        }

        return settings.Select(s => $"--{s.Key}={s.Value}");
    }

    private async Task<List<JsonElement>> WaitForScheduledRunsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<JsonElement> runs = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var items = await SyncHarness.GetItemsAsync(_hosts[0].Client, "/v1/ops/runs?limit=500&source=" + Registry);
                runs = [.. items.EnumerateArray().Where(r => r.GetProperty("trigger").GetString() == "schedule"
                    && !SyncRunStatus.Unfinished.Contains(r.GetProperty("status").GetString()!))];
                if (runs.Count >= count)
                {
                    return runs;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or AssertionException)
            {
                // Not serving yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Only {runs.Count} of {count} scheduled runs.\n{string.Join("\n", _hosts.Select(h => h.Output))}");
        return runs;
    }

    /// <summary>A Compose file as Compose reads it: merge keys resolved and variables substituted.</summary>
    private sealed partial class ComposeFile(Dictionary<string, object> services)
    {
        public IReadOnlyCollection<string> Services => services.Keys;

        public static ComposeFile Read(string path, IReadOnlyDictionary<string, string> variables)
        {
            using var reader = new StringReader(Substitute(File.ReadAllText(path), variables));
            var document = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
            Assert.That(document.Keys, Does.Not.Contain("name"), "docker-compose 1.29 rejects a top-level name");
            return new ComposeFile(((Dictionary<object, object>)document["services"]).ToDictionary(s => (string)s.Key, s => s.Value));
        }

        public (IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Environment) Service(string name)
        {
            var service = (Dictionary<object, object>)services[name];
            var command = service.TryGetValue("command", out var c) ? ((List<object>)c).Select(x => (string)x).ToList() : [];
            var environment = ((Dictionary<object, object>)service["environment"]).ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? "");
            return (command, environment);
        }

        /// <summary><c>${VAR}</c>, <c>${VAR:-default}</c> and <c>${VAR:?message}</c>, as Compose substitutes them.</summary>
        private static string Substitute(string text, IReadOnlyDictionary<string, string> variables) =>
            Variable().Replace(text, m =>
            {
                var name = m.Groups["name"].Value;
                if (variables.TryGetValue(name, out var value) && value.Length > 0)
                {
                    return value;
                }

                return m.Groups["op"].Value switch
                {
                    ":-" => m.Groups["arg"].Value,
                    ":?" => throw new AssertionException($"Compose needs {name}: {m.Groups["arg"].Value}"),
                    _ => "",
                };
            });

        [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Z_][A-Z0-9_]*)(?:(?<op>:-|:\?)(?<arg>[^}]*))?\}")]
        private static partial Regex Variable();
    }
}
