using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sources;
using ClusterSync.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// Core's sync pipeline over the real connectors (real HTTP to a <see cref="ListingUpstream"/>) and the real stores (a
/// throwaway database), without the web host: the rules of one run, fast enough to try every fault on every page.
/// </summary>
internal sealed class ListingHarness : IAsyncDisposable
{
    /// <summary>Response cap in these tests: a normal page is far below it, an oversized one far above.</summary>
    public const int MaxResponseBytes = 8192;

    private readonly ServiceProvider _services;
    private readonly SyncPipeline _pipeline;

    private ListingHarness(TestDatabase database, ListingUpstream upstream, ServiceProvider services)
    {
        Database = database;
        Upstream = upstream;
        _services = services;
        var records = services.GetRequiredService<ISourceRecordStore>();
        var directory = services.GetRequiredService<IDirectoryStore>();
        _pipeline = new SyncPipeline(
            services.GetRequiredService<ISyncRunStore>(),
            records,
            directory,
            new DirectoryIndex(records, directory, new ResolverFactory()),
            new DirectoryReconciler(Survivorship.Default, DirectoryIds.New),
            () => SyncPolicy.Default,
            services.GetRequiredService<ILogger<SyncPipeline>>());
    }

    public TestDatabase Database { get; }

    public ListingUpstream Upstream { get; }

    public RunStore Runs => _services.GetRequiredService<RunStore>();

    public static async Task<ListingHarness> StartAsync(StorageProvider provider, LogCapture? logs = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var upstream = new ListingUpstream();
        var settings = new Dictionary<string, string?>(database.Settings);
        foreach (var (section, address) in new[] { (SourcesHarness.UsSection, upstream.RegistryAddress), (SourcesHarness.EccpSection, upstream.EccpAddress) })
        {
            foreach (var (key, value) in SourcesHarness.FastSettings(section, address))
            {
                settings[key] = value;
            }

            settings[$"{section}:MaxRetryAttempts"] = "2";
            settings[$"{section}:MaxResponseBytes"] = MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        settings[$"{SourcesHarness.UsSection}:PageSize"] = "3";
        settings[$"{SourcesHarness.EccpSection}:PageLimit"] = "3";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddSingleton(TimeProvider.System);
        services.AddClusterSyncStorage(configuration);
        services.AddClusterSyncSources(configuration);
        return new ListingHarness(database, upstream, services.BuildServiceProvider());
    }

    public Task<SyncOutcome> RunAsync(string source, ReadMode? mode = null)
    {
        var connector = _services.GetRequiredKeyedService<ISourceConnector>(source);
        return _pipeline.RunAsync(connector, new SyncRequest(source, mode, "test"), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Upstream.Dispose();
        await Database.DisposeAsync();
    }

    private sealed class ResolverFactory : IEntityResolverFactory
    {
        public IEntityResolver Create() => new EntityResolver(new MatchingSettings());
    }
}
