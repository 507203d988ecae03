using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// One host per provider on which both upstreams were fully synced once, shared by the fixtures that only
/// read the result (they must not sync, decide or edit anything on it).
/// </summary>
internal static class SharedDirectory
{
    private static readonly Dictionary<StorageProvider, Task<SyncHarness>> Hosts = [];

    public static Task<SyncHarness> GetAsync(StorageProvider provider)
    {
        lock (Hosts)
        {
            if (!Hosts.TryGetValue(provider, out var host))
            {
                Hosts[provider] = host = StartAsync(provider);
            }

            return host;
        }
    }

    public static async Task DisposeAllAsync()
    {
        List<Task<SyncHarness>> hosts;
        lock (Hosts)
        {
            hosts = [.. Hosts.Values];
            Hosts.Clear();
        }

        foreach (var host in hosts.Where(h => h.IsCompletedSuccessfully))
        {
            await host.Result.DisposeAsync();
        }
    }

    private static async Task<SyncHarness> StartAsync(StorageProvider provider)
    {
        var host = await SyncHarness.StartAsync(provider);
        try
        {
            await host.RunBothAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}

/// <summary>Disposes the shared synced hosts once every test of this namespace has run.</summary>
[SetUpFixture]
public sealed class SyncTestsTearDown
{
    [OneTimeTearDown]
    public Task DisposeSharedHosts() => SharedDirectory.DisposeAllAsync();
}
