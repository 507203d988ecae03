using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Sync;

/// <summary>
/// Once the service has started: loads the directory index and, when <c>Sync:RunOnStartup</c> is set,
/// syncs every configured source once. Runs in the background so the HTTP endpoints answer meanwhile.
/// </summary>
internal sealed class StartupSync(
    SyncService sync,
    DirectoryIndex index,
    IOptions<SyncOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<StartupSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForStartAsync(stoppingToken);
            var load = await index.LoadAsync(stoppingToken);
            logger.LogInformation("Directory index loaded: {Records} source records, {Organisations} organisations in {Elapsed} ms",
                load.Records, load.Organisations, (long)load.Elapsed.TotalMilliseconds);
            if (!options.Value.RunOnStartup)
            {
                return;
            }

            foreach (var source in sync.Sources.Order(StringComparer.Ordinal))
            {
                await sync.RunAsync(new SyncRequest(source, Trigger: "startup"), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Start-up sync failed");
        }
    }

    private Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }
}
