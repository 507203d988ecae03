using ClusterSync.Core.Publication;
using ClusterSync.Core.Sync;
using ClusterSync.Host.Scheduling;
using ClusterSync.Storage;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Sync;

/// <summary>
/// Once the service has started: loads the directory index, seeds the sources' schedules and, when
/// <c>Sync:RunOnStartup</c> is set, asks for one sync of every enabled source (through the scheduler, so that of
/// several instances starting together each source still syncs once). Runs in the background so the HTTP
/// endpoints answer meanwhile.
/// </summary>
internal sealed partial class StartupSync(
    SyncService sync,
    DirectoryIndex index,
    ScheduleSeeder seeder,
    SyncScheduler scheduler,
    IOptions<SyncOptions> options,
    IOptions<SchedulingOptions> scheduling,
    IHostApplicationLifetime lifetime,
    ILogger<StartupSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForStartAsync(stoppingToken);
            var load = await index.LoadAsync(stoppingToken);
            LogIndexLoaded(load.Records, load.Organisations, (long)load.Elapsed.TotalMilliseconds);
            if (scheduling.Value.Enabled)
            {
                await seeder.SeedAsync(stoppingToken);
            }

            if (options.Value.RunOnStartup)
            {
                await SyncEverySourceOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogStartupFailed(ex);
        }
    }

    private async Task SyncEverySourceOnceAsync(CancellationToken stoppingToken)
    {
        foreach (var source in sync.Sources.Order(StringComparer.Ordinal))
        {
            if (!scheduling.Value.Enabled)
            {
                await sync.RunAsync(new SyncRequest(source, Trigger: "startup", RequestedBy: "startup"), stoppingToken);
                continue;
            }

            try
            {
                await scheduler.TriggerAsync(source, null, false, "startup", "startup", stoppingToken);
            }
            catch (RunConflictException conflict)
            {
                LogAlreadyRunning(source, conflict.RunningRunId);
            }
        }
    }

    private Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory index loaded: {Records} source records, {Organisations} organisations in {Elapsed} ms")]
    private partial void LogIndexLoaded(int records, int organisations, long elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up sync of {Source} not asked for: run {RunId} is already queued or running")]
    private partial void LogAlreadyRunning(string source, long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Start-up failed")]
    private partial void LogStartupFailed(Exception exception);
}
