using ClusterSync.Core.Sync;
using ClusterSync.Host.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.UsClusterMapping;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Browser;

/// <summary>
/// The real host listening on a 127.0.0.1 port (a browser needs a socket), on a throwaway SQLite database synced from the
/// recorded upstreams (Polish, Greek, Cyrillic and U.S. names; a review item), shared by the browser tests.
/// </summary>
internal sealed class BrowserHost : IAsyncDisposable
{
    private static Task<BrowserHost>? _shared;
    private readonly TestDatabase _database;
    private readonly RecordedUpstreamServer _upstreams;

    private BrowserHost(TestDatabase database, RecordedUpstreamServer upstreams, ClusterSyncApp app, Uri address)
    {
        _database = database;
        _upstreams = upstreams;
        App = app;
        Address = address;
    }

    public ClusterSyncApp App { get; }

    /// <summary>The host's address, ending in a slash.</summary>
    public Uri Address { get; }

    public static Task<BrowserHost> GetAsync()
    {
        lock (typeof(BrowserHost))
        {
            return _shared ??= StartAsync();
        }
    }

    public static async Task DisposeSharedAsync()
    {
        Task<BrowserHost>? shared;
        lock (typeof(BrowserHost))
        {
            shared = _shared;
            _shared = null;
        }

        if (shared is { IsCompletedSuccessfully: true })
        {
            await shared.Result.DisposeAsync();
        }
    }

    /// <summary>A client of the same host without a key (for arranging and checking through the API).</summary>
    public HttpClient CreateClient(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    private static async Task<BrowserHost> StartAsync()
    {
        var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var upstreams = new RecordedUpstreamServer();
        var app = new ClusterSyncApp(SyncHarness.BaseSettings(database, upstreams));
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)))
            .First(u => u.Scheme == Uri.UriSchemeHttp);
        var sync = app.Services.GetRequiredService<SyncService>();
        foreach (var source in new[] { UsClusterMappingRegistration.SourceId, EccpRegistration.SourceId })
        {
            var outcome = await sync.RunAsync(new SyncRequest(source, null, "test", false), CancellationToken.None);
            Assert.That(outcome.Succeeded, Is.True, $"{source}: {outcome.Error}");
        }

        return new BrowserHost(database, upstreams, app, new Uri(address.GetLeftPart(UriPartial.Authority) + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _upstreams.Dispose();
        await _database.DisposeAsync();
    }
}

/// <summary>Stops the shared host and the browser once every browser test has run.</summary>
[SetUpFixture]
public sealed class BrowserTestsTearDown
{
    [OneTimeTearDown]
    public async Task StopHostAndBrowser()
    {
        await Chromium.DisposeSharedAsync();
        await BrowserHost.DisposeSharedAsync();
    }
}
