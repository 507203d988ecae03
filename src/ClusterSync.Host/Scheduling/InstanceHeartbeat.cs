using ClusterSync.Storage;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Scheduling;

/// <summary>
/// Tells the other instances this one is alive, marks abandoned the runs of instances that stopped beating, and stops
/// this instance's runs that an operator asked to cancel. Beats once before the service starts taking work.
/// </summary>
internal sealed partial class InstanceHeartbeat(
    InstanceStore instances,
    RunStore runs,
    RunningRuns running,
    IOptions<InstanceOptions> options,
    ILogger<InstanceHeartbeat> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await instances.BeatAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await instances.StopAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBeatFailed(ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        while (await NextAsync(timer, stoppingToken))
        {
            try
            {
                await instances.BeatAsync(stoppingToken);
                var abandoned = await runs.AbandonRunsOfDeadInstancesAsync(null, stoppingToken);
                if (abandoned > 0)
                {
                    LogAbandoned(abandoned);
                }

                foreach (var runId in await runs.CancelRequestsOfThisInstanceAsync(stoppingToken))
                {
                    if (running.Cancel(runId))
                    {
                        LogCancelling(runId);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup: the next beat tries again; a long silence makes the others treat this instance as dead.
                LogBeatFailed(ex.Message);
            }
        }
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} run(s) of instances that stopped answering marked abandoned")]
    private partial void LogAbandoned(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelling run {RunId} as an operator asked")]
    private partial void LogCancelling(long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed (retrying): {Reason}")]
    private partial void LogBeatFailed(string reason);
}
